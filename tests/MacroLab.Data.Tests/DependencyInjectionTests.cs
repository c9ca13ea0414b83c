using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;
using MacroLab.Data.Sources;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Data.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void A_folder_lake_resolves_a_local_store_the_lake_and_both_stages()
    {
        using ServiceProvider provider = new ServiceCollection().AddMacroLabData(o => o.Lake = "/tmp/macrolab-di-test").BuildServiceProvider();

        var store = Assert.IsType<LocalObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.Equal("/tmp/macrolab-di-test", store.RootDirectory);
        Assert.Same(store, provider.GetRequiredService<Lake>().Store);
        Assert.NotNull(provider.GetRequiredService<IngestStage>());
        Assert.NotNull(provider.GetRequiredService<FeatureStage>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void An_s3_lake_resolves_an_s3_store_under_its_prefix()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddMacroLabData(o => (o.Lake, o.S3ServiceUrl, o.S3ForcePathStyle, o.S3Region) = ("s3://my-bucket/team/lake", "http://127.0.0.1:9", true, "us-east-1"))
            .BuildServiceProvider();

        Assert.Equal("s3://my-bucket/team/lake/", Assert.IsType<S3ObjectStore>(provider.GetRequiredService<IObjectStore>()).Location);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        IConfigurationSection section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MacroLab:Data:Lake"] = "/data/lake", ["MacroLab:Data:S3ForcePathStyle"] = "true" })
            .Build().GetSection("MacroLab:Data");

        using ServiceProvider provider = new ServiceCollection().AddMacroLabData(section).BuildServiceProvider();
        MacroLabDataOptions options = provider.GetRequiredService<IOptions<MacroLabDataOptions>>().Value;

        Assert.Equal("/data/lake", options.Lake);
        Assert.True(options.S3ForcePathStyle);
    }

    [Theory]
    [InlineData("s3://A", "MacroLabDataOptions.Lake")]
    [InlineData("", "Lake")]
    public void Invalid_options_fail_at_start_up_naming_the_field(string lake, string field)
    {
        using ServiceProvider provider = new ServiceCollection().AddMacroLabData(o => o.Lake = lake).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MacroLabDataOptions>>().Value);

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_users_own_registrations_win()
    {
        var mine = new LocalObjectStore("/tmp/mine");
        using ServiceProvider provider = new ServiceCollection().AddSingleton<IObjectStore>(mine).AddMacroLabData().BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<Lake>().Store);
    }

    [Theory]
    [InlineData("./macrolab-lake", "./macrolab-lake", null, "")]
    [InlineData("s3://bucket-1", null, "bucket-1", "")]
    [InlineData("s3://my.bucket/a/b/", null, "my.bucket", "a/b")]
    public void Lake_locations_parse_folders_and_s3_uris(string text, string? folder, string? bucket, string prefix)
    {
        LakeLocation location = LakeLocation.Parse(text);

        Assert.Equal((folder, bucket, prefix), (location.Folder, location.Bucket, location.Prefix));
        Assert.Equal(bucket is not null, location.IsS3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s3://ab")]
    [InlineData("s3://Upper")]
    [InlineData("s3://bucket/../x")]
    public void Invalid_lake_locations_are_refused(string text) =>
        Assert.Throws<FormatException>(() => LakeLocation.Parse(text));

    [Fact]
    public void Option_defaults_are_pinned()
    {
        var data = new MacroLabDataOptions();
        Assert.Equal("./macrolab-lake", data.Lake);
        Assert.Null(data.S3ServiceUrl);
        Assert.Null(data.S3Region);
        Assert.False(data.S3ForcePathStyle);
        Assert.Equal(64L * 1024 * 1024, data.S3MultipartThreshold);

        var s3 = new S3ObjectStoreOptions();
        Assert.Equal(64L * 1024 * 1024, s3.MultipartThreshold);
        Assert.Equal(16 * 1024 * 1024, s3.PartSize);

        var read = new SourceReadOptions();
        Assert.Null(read.Vintage);
        Assert.Null(read.ReleasedOn);
        Assert.Null(read.Lag);
        Assert.Null(read.SeriesName);
        Assert.Same(PublicationLagRules.Default, read.LagRules);
        Assert.Same(FredMdCatalog.Default, read.Catalog);

        var features = new FeatureStageOptions();
        Assert.Equal("macro_monthly", features.FeatureSetName);
        Assert.Null(features.FeatureSet);
        Assert.Equal(VintagePolicy.FirstVintageBackfill, features.VintagePolicy);
        Assert.Equal(124, features.MaxStalenessDays);
        Assert.Null(features.DecisionDates);
        Assert.Null(features.Start);
        Assert.Null(features.End);
        Assert.Same(AssetUniverse.Default, features.Universe);
        Assert.Equal([1, 3, 12], features.LabelHorizonsInMonths);
        Assert.Equal("cpi", features.CpiCalendar);
        Assert.Same(PublicationLagRules.Default, features.LagRules);
        Assert.False(features.Force);

        var feature = new FeatureDefinition("f", "s");
        Assert.Equal(SeriesTransform.Level, feature.Transform);
        Assert.Equal(WindowStatistic.None, feature.Window);
        Assert.Equal(0, feature.WindowLength);
        Assert.Null(feature.MinPeriods);
        Assert.Equal(Frequency.Monthly, feature.Frequency);
        Assert.Equal("regime", new RegimeDefinition("g", "i").Prefix);
    }
}
