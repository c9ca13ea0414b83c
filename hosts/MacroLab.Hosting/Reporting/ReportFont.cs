using ScottPlot;
using SkiaSharp;

namespace MacroLab.Hosting.Reporting;

/// <summary>
/// The font charts are drawn with: DejaVu Sans, embedded in this assembly (license in <c>Fonts/LICENSE-DejaVu.txt</c>),
/// because ScottPlot silently draws no text where the machine has no fonts (containers, CI). Registered with ScottPlot's
/// process-wide font resolvers once, under a family name of its own that only the report's plots ask for, so that other
/// ScottPlot users in the process (the backtest report's SVG charts) render exactly as they would without it.
/// </summary>
internal sealed class ReportFont : IFontResolver
{
    /// <summary>The family name plots ask for: the embedded DejaVu Sans, under a name no system font has.</summary>
    public const string Name = "MacroLab DejaVu Sans";

    private static readonly Lazy<byte[]> Bytes = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static bool _registered;

    private ReportFont()
    {
    }

    /// <summary>Adds the resolver to ScottPlot's list, once per process.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                Fonts.FontResolvers.Insert(0, new ReportFont());
                _registered = true;
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) => Create(fontName);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName);

    private static SKTypeface? Create(string fontName)
    {
        if (!string.Equals(fontName, Name, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        using var data = SKData.CreateCopy(Bytes.Value);
        return SKTypeface.FromData(data);
    }

    private static byte[] Load()
    {
        using Stream stream = typeof(ReportFont).Assembly.GetManifestResourceStream("MacroLab.Hosting.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded chart font MacroLab.Hosting.DejaVuSans.ttf is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
