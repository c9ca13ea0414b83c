namespace MacroLab.Api.Tests;

/// <summary>One lake with two MLP versions (champion on 1) and a running API, shared by a test class.</summary>
public sealed class ServingFixture : IAsyncLifetime
{
    public ServingLake Lake { get; } = new();

    public ApiServer Server { get; private set; } = null!;

    public int V1 { get; private set; }

    public int V2 { get; private set; }

    public async Task InitializeAsync()
    {
        (byte[] onnx1, Scoring.ModelCard card1) = TestModels.Train(1);
        (byte[] onnx2, Scoring.ModelCard card2) = TestModels.Train(2);
        V1 = await Lake.RegisterAsync(onnx1, card1);
        V2 = await Lake.RegisterAsync(onnx2, card2);
        await Lake.PointAsync("champion", V1);
        Server = await Lake.StartAsync();
        await Server.WaitReadyAsync(V1);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Lake.DisposeAsync();
    }
}
