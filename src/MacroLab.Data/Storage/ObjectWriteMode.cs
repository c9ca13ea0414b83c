namespace MacroLab.Data.Storage;

/// <summary>What <see cref="IObjectStore.PutAsync"/> does when the object exists.</summary>
public enum ObjectWriteMode
{
    /// <summary>Replace it atomically.</summary>
    Overwrite,

    /// <summary>Fail with <see cref="ObjectAlreadyExistsException"/>: for immutable objects (a local no-clobber rename; S3 <c>If-None-Match: *</c>).</summary>
    CreateNew,
}
