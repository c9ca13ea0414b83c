using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Training;

/// <summary>
/// Adam and AdamW (Kingma and Ba 2015; Loshchilov and Hutter 2019), step for step the update of TorchSharp 0.107's
/// <c>optim.Adam</c> and <c>optim.AdamW</c> with their default betas (0.9, 0.999) and epsilon (1e-8), and so the same
/// weights bit for bit. It exists because those optimisers pass their coefficients to native code as implicit
/// <see cref="Scalar"/>s, which only a finalizer frees and which hold a raw pointer: under concurrent training a garbage
/// collection can free one mid-call (see <c>ScalarSafe</c>). Here every Scalar is created for one call and disposed after it.
/// </summary>
/// <remarks>
/// AdamW decays the weights before the moment update, <c>θ ← θ(1 − ηλ)</c>; Adam adds <c>λθ</c> to the gradient. Then
/// <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c> and <c>θ ← θ − (η / (1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε)</c>.
/// </remarks>
internal sealed class TiltAdam : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments, _secondMoments;
    private readonly long[] _steps;
    private readonly bool _decoupled;
    private readonly double _weightDecay;

    /// <summary>Creates the optimiser with zero moments.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="optimizer">Adam or AdamW.</param>
    /// <param name="learningRate">The initial learning rate.</param>
    /// <param name="weightDecay">The weight decay: decoupled for AdamW, an L2 gradient term for Adam.</param>
    public TiltAdam(Parameter[] parameters, TiltOptimizer optimizer, double learningRate, double weightDecay)
    {
        _parameters = parameters;
        _decoupled = optimizer == TiltOptimizer.AdamW;
        _weightDecay = weightDecay;
        LearningRate = learningRate;
        _steps = new long[parameters.Length];
        _firstMoments = [.. parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _secondMoments = [.. parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    /// <summary>The learning rate of the next step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Zeroes every parameter's gradient in place.</summary>
    public void ZeroGrad()
    {
        foreach (Parameter parameter in _parameters)
        {
            using Tensor? grad = parameter.grad;
            grad?.zero_().Dispose();
        }
    }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        double rate = LearningRate;
        using Scalar one = 1.ToScalar(), beta1 = Beta1.ToScalar(), beta2 = Beta2.ToScalar(), epsilon = Epsilon.ToScalar();
        using Scalar gradientShare = (1 - Beta1).ToScalar(), squareShare = (1 - Beta2).ToScalar();
        using Scalar decay = (1 - (rate * _weightDecay)).ToScalar(), penalty = _weightDecay.ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            Parameter parameter = _parameters[i];
            Tensor? grad = parameter.grad;
            if (grad is null)
            {
                continue;
            }

            long step = ++_steps[i];
            if (_decoupled)
            {
                parameter.mul_(decay);
            }
            else if (_weightDecay != 0)
            {
                grad = grad.add(parameter, penalty);
            }

            double firstCorrection = 1 - Math.Pow(Beta1, step), secondCorrection = 1 - Math.Pow(Beta2, step);
            _firstMoments[i].mul_(beta1).add_(grad, gradientShare);
            _secondMoments[i].mul_(beta2).addcmul_(grad, grad, squareShare);
            using Scalar root = Math.Sqrt(secondCorrection).ToScalar(), stepSize = (-(rate / firstCorrection)).ToScalar();
            Tensor denominator = _secondMoments[i].sqrt().div(root).add_(epsilon, one);
            parameter.addcdiv_(_firstMoments[i], denominator, stepSize);
        }
    }

    /// <summary>Frees the moment tensors.</summary>
    public void Dispose()
    {
        foreach (Tensor moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Dispose();
        }
    }
}
