using TorchSharp;
using static TorchSharp.torch;

namespace MacroLab.Models.Networks;

/// <summary>
/// Tensor arithmetic with the <see cref="Scalar"/> each operation needs created here and held by <c>using</c> until the
/// native call has returned. TorchSharp 0.107's operators and short overloads (<c>a + b</c>, <c>add(t)</c>, <c>add(s)</c>,
/// <c>add_(…)</c> and <c>square()</c> pass an implicit alpha or exponent; <c>a * 2.0</c> converts a double) create Scalars
/// that only a finalizer frees and that hold their native pointer without a SafeHandle, so a garbage collection on
/// another thread can free one while the native operation reads it. Under concurrent training that happens ("Unknown
/// scalar type", or a failed check in <c>c10::Scalar::toFloat</c>). The results are those of the operators, bit for bit:
/// the same native calls with the same scalar values.
/// </summary>
internal static class ScalarSafe
{
    /// <summary><paramref name="left"/> + <paramref name="right"/>.</summary>
    public static Tensor Add(Tensor left, Tensor right)
    {
        using Scalar one = 1.ToScalar();
        return left.add(right, one);
    }

    /// <summary><paramref name="left"/> - <paramref name="right"/>.</summary>
    /// <remarks>The native subtraction takes no scalar; this is here so that call sites read alike.</remarks>
    public static Tensor Subtract(Tensor left, Tensor right) => left.sub(right);

    /// <summary><paramref name="left"/> x <paramref name="right"/>.</summary>
    public static Tensor Multiply(Tensor left, double right)
    {
        using Scalar factor = right.ToScalar();
        return left.mul(factor);
    }

    /// <summary><paramref name="left"/> + <paramref name="right"/>, a number.</summary>
    public static Tensor AddNumber(Tensor left, double right)
    {
        using Scalar term = right.ToScalar(), one = 1.ToScalar();
        return left.add(term, one);
    }

    /// <summary><paramref name="left"/> to the power <paramref name="exponent"/>.</summary>
    public static Tensor Power(Tensor left, double exponent)
    {
        using Scalar power = exponent.ToScalar();
        return left.pow(power);
    }
}
