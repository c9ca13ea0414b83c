using static TorchSharp.torch;

namespace MacroLab.Models.Training;

/// <summary>
/// The thread policy of training. TorchSharp's intra-op thread count is a process setting, and results depend on it, so a
/// training holds a lease on the count it needs: leases for the same count share, a lease for another count waits until the
/// others are released. The previous setting is restored when the last lease ends.
/// </summary>
internal sealed class TorchThreads
{
    private readonly object _gate = new();
    private int _holders;
    private int _count;
    private int _previous;

    /// <summary>
    /// The one policy object of the process: the setting it guards is process-wide state owned by libtorch, so the guard must
    /// be too (this is the only static state of the package).
    /// </summary>
    public static TorchThreads Process { get; } = new();

    /// <summary>Waits until <paramref name="threads"/> can be in force, then holds it until the lease is disposed.</summary>
    public Lease Acquire(int threads, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_holders == 0)
                {
                    _previous = get_num_threads();
                    if (_previous != threads)
                    {
                        set_num_threads(threads);
                    }

                    _count = threads;
                }

                if (_count == threads)
                {
                    // The setting may be per thread in the native runtime (OpenMP), and code outside this policy may have
                    // changed it: make sure it holds on the thread that trains.
                    if (get_num_threads() != threads)
                    {
                        set_num_threads(threads);
                    }

                    _holders++;
                    return new Lease(this);
                }

            }

            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (_holders > 0 && _count != threads)
                {
                    Monitor.Wait(_gate, TimeSpan.FromMilliseconds(50));
                }
            }
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            if (--_holders == 0)
            {
                if (_previous != _count)
                {
                    set_num_threads(_previous);
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>A held thread count.</summary>
    public readonly struct Lease(TorchThreads owner) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => owner.Release();
    }
}
