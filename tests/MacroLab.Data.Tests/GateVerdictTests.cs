using MacroLab.Data.Validation;

namespace MacroLab.Data.Tests;

public sealed class GateVerdictTests
{
    [Fact]
    public void A_verdict_passes_only_when_every_gate_passed_and_names_the_failures()
    {
        GateResult sharpe = new("min_sharpe", 0.56, 0.3, true, "0.56 >= 0.3");
        GateResult benchmark = new("beats_benchmark", 0.6, 0.05, false, "p = 0.6 >= 0.05");
        GateResult parity = new("onnx_parity", null, 1e-4, false, "not measured");

        GateVerdict promoted = GateVerdict.Of([sharpe]);
        GateVerdict rejected = GateVerdict.Of([sharpe, benchmark, parity]);
        GateVerdict empty = GateVerdict.Of([]);

        Assert.True(promoted.Passed);
        Assert.Equal("promote: all 1 gates passed", promoted.Summary);
        Assert.False(rejected.Passed);
        Assert.Equal("reject: 2 of 3 gates failed (beats_benchmark, onnx_parity)", rejected.Summary);
        Assert.Equal([sharpe, benchmark, parity], rejected.Gates);
        Assert.False(empty.Passed);
        Assert.Equal("reject: no gate was applied", empty.Summary);
    }
}
