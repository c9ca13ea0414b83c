using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MacroLab.Registry.Backends;

/// <summary>
/// The cloud registry: one DynamoDB table in a single-table design (see <see cref="DynamoDbRegistryTable"/>). A version
/// number is allocated by a transaction that bumps the model's <c>LatestVersion</c> on the condition that it is still the
/// value read and puts the version item on <c>attribute_not_exists</c>; a lost race retries. Alias moves are transactions
/// that check the target is READY, put the alias on its revision and put the history entry on <c>attribute_not_exists</c>,
/// so the history has every move exactly once, in a serial order.
/// </summary>
internal sealed class DynamoDbRegistryBackend(IAmazonDynamoDB client, string table) : IRegistryBackend
{
    private const string ModelKey = "#MODEL";

    public string Location => $"dynamodb://{table}";

    public Task<bool> TryCreateModelAsync(RegisteredModel model, CancellationToken cancellationToken) => TryPutNewAsync(new Dictionary<string, AttributeValue>
    {
        [DynamoDbRegistryTable.PartitionKey] = S(Partition(model.Name)),
        [DynamoDbRegistryTable.SortKey] = S(ModelKey),
        [DynamoDbRegistryTable.EntityType] = S(DynamoDbRegistryTable.ModelEntity),
        [DynamoDbRegistryTable.EntityName] = S(model.Name),
        ["Description"] = model.Description is null ? new AttributeValue { NULL = true } : S(model.Description),
        ["Tags"] = S(RegistryJson.Serialize(model.Tags)),
        ["CreatedAt"] = S(RegistryTimestamps.Format(model.CreatedAt)),
        ["LatestVersion"] = N(0),
    }, cancellationToken);

    public async Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? item = await GetItemAsync(name, ModelKey, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ModelOf(item);
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken)
    {
        // The sparse index holds model items only, so listing never scans versions; it is eventually consistent, so each
        // model is re-read from the table.
        var models = new List<RegisteredModel>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse page = await client.QueryAsync(new QueryRequest
            {
                TableName = table,
                IndexName = DynamoDbRegistryTable.ModelsIndex,
                KeyConditionExpression = "EntityType = :type",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":type"] = S(DynamoDbRegistryTable.ModelEntity) },
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            foreach (Dictionary<string, AttributeValue> item in page.Items ?? [])
            {
                models.Add(ModelOf(item));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return [.. models.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    public Task<bool> TryAddLedgerEntryAsync(LedgerEntry entry, CancellationToken cancellationToken) => TryPutNewAsync(new Dictionary<string, AttributeValue>
    {
        [DynamoDbRegistryTable.PartitionKey] = S(LedgerPartition(entry.Lineage)),
        [DynamoDbRegistryTable.SortKey] = S(LedgerKey(entry.Kind, entry.Key)),
        ["Document"] = S(RegistryJson.Serialize(entry)),
    }, cancellationToken);

    /// <summary>Puts <paramref name="item"/> only if no item has its key; false when one has.</summary>
    private async Task<bool> TryPutNewAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(new PutItemRequest { TableName = table, Item = item, ConditionExpression = "attribute_not_exists(PK)" }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<LedgerEntry>> ListLedgerAsync(string lineage, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse page = await client.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = S(LedgerPartition(lineage)) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            foreach (Dictionary<string, AttributeValue> item in page.Items ?? [])
            {
                entries.Add(RegistryJson.DeserializeLedgerEntry(item["Document"].S, $"{Location} {item[DynamoDbRegistryTable.PartitionKey].S}/{item[DynamoDbRegistryTable.SortKey].S}"));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return [.. entries.OrderBy(e => e.Kind).ThenBy(e => e.Key, StringComparer.Ordinal)];
    }

    public async Task<ModelVersion?> CreateNextVersionAsync(string name, Func<int, ModelVersion> create, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= Contention.MaxAttempts; attempt++)
        {
            Dictionary<string, AttributeValue>? model = await GetItemAsync(name, ModelKey, cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return null;
            }

            int latest = Int(model["LatestVersion"]), number = checked(latest + 1);
            ModelVersion version = create(number);
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new TransactWriteItem
                        {
                            Update = new Update
                            {
                                TableName = table,
                                Key = Key(name, ModelKey),
                                UpdateExpression = "SET LatestVersion = :next",
                                ConditionExpression = "LatestVersion = :latest",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":next"] = N(number), [":latest"] = N(latest) },
                            },
                        },
                        new TransactWriteItem
                        {
                            Put = new Put
                            {
                                TableName = table,
                                Item = VersionItem(version, 1),
                                ConditionExpression = "attribute_not_exists(PK)",
                            },
                        },
                    ],
                }, cancellationToken).ConfigureAwait(false);
                return version;
            }
            catch (Exception e) when (e is TransactionCanceledException or TransactionConflictException)
            {
                await Contention.BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        throw Contention.GaveUp($"Model '{name}': allocating a version number");
    }

    public async Task<StoredVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? item = await GetItemAsync(name, VersionKey(version), cancellationToken).ConfigureAwait(false);
        return item is null ? null : new StoredVersion(VersionOf(item, name), Long(item["Rev"]));
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        List<Dictionary<string, AttributeValue>> items = await QueryAsync(name, "VERSION#", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(item => VersionOf(item, name)).OrderByDescending(v => v.Version)];
    }

    public async Task<bool> TryReplaceVersionAsync(ModelVersion updated, long expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = VersionItem(updated, expectedRevision + 1),
                ConditionExpression = "Rev = :rev",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":rev"] = N(expectedRevision) },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<StoredAlias?> GetAliasAsync(string name, string alias, CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? item = await GetItemAsync(name, AliasKey(alias), cancellationToken).ConfigureAwait(false);
        return item is null ? null : new StoredAlias(OptionalInt(item, "Version"), Long(item["Rev"]), RegistryTimestamps.Parse(item["UpdatedAt"].S), item["UpdatedBy"].S);
    }

    public async Task<IReadOnlyList<ModelAlias>> ListAliasesAsync(string name, CancellationToken cancellationToken)
    {
        List<Dictionary<string, AttributeValue>> items = await QueryAsync(name, "ALIAS#", cancellationToken).ConfigureAwait(false);
        return
        [
            .. items.Where(item => OptionalInt(item, "Version") is not null)
                .Select(item => new ModelAlias(name, item["Alias"].S, Int(item["Version"]), Long(item["Rev"]), RegistryTimestamps.Parse(item["UpdatedAt"].S), item["UpdatedBy"].S))
                .OrderBy(a => a.Alias, StringComparer.Ordinal),
        ];
    }

    public async Task<AliasWriteOutcome> TryWriteAliasAsync(AliasChange change, CancellationToken cancellationToken)
    {
        long expected = change.Revision - 1;
        var alias = new Dictionary<string, AttributeValue>
        {
            [DynamoDbRegistryTable.PartitionKey] = S(Partition(change.Model)),
            [DynamoDbRegistryTable.SortKey] = S(AliasKey(change.Alias)),
            ["Alias"] = S(change.Alias),
            ["Version"] = change.ToVersion is { } to ? N(to) : new AttributeValue { NULL = true },
            ["Rev"] = N(change.Revision),
            ["UpdatedAt"] = S(RegistryTimestamps.Format(change.At)),
            ["UpdatedBy"] = S(change.Actor),
        };
        var history = new Dictionary<string, AttributeValue>
        {
            [DynamoDbRegistryTable.PartitionKey] = S(Partition(change.Model)),
            [DynamoDbRegistryTable.SortKey] = S(HistoryKey(change.Alias, change.Revision)),
            ["Alias"] = S(change.Alias),
            ["Rev"] = N(change.Revision),
            ["FromVersion"] = change.FromVersion is { } from ? N(from) : new AttributeValue { NULL = true },
            ["ToVersion"] = change.ToVersion is { } toVersion ? N(toVersion) : new AttributeValue { NULL = true },
            ["Actor"] = S(change.Actor),
            ["At"] = S(RegistryTimestamps.Format(change.At)),
            ["Reason"] = S(change.Reason),
        };
        var items = new List<TransactWriteItem>();
        if (change.ToVersion is { } target)
        {
            items.Add(new TransactWriteItem
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = table,
                    Key = Key(change.Model, VersionKey(target)),
                    ConditionExpression = "#status = :ready",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "Status" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":ready"] = S(nameof(ModelVersionStatus.Ready)) },
                },
            });
        }

        items.Add(new TransactWriteItem
        {
            Put = expected == 0
                ? new Put { TableName = table, Item = alias, ConditionExpression = "attribute_not_exists(PK)" }
                : new Put
                {
                    TableName = table, Item = alias, ConditionExpression = "Rev = :expected",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = N(expected) },
                },
        });
        items.Add(new TransactWriteItem { Put = new Put { TableName = table, Item = history, ConditionExpression = "attribute_not_exists(PK)" } });
        try
        {
            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken).ConfigureAwait(false);
            return AliasWriteOutcome.Written;
        }
        catch (Exception e) when (e is TransactionCanceledException or TransactionConflictException)
        {
            if (change.ToVersion is { } version && await GetVersionAsync(change.Model, version, cancellationToken).ConfigureAwait(false) is not { Version.Status: ModelVersionStatus.Ready })
            {
                return AliasWriteOutcome.VersionNotReady;
            }

            return AliasWriteOutcome.RevisionConflict;
        }
    }

    public async Task<IReadOnlyList<AliasChange>> GetAliasHistoryAsync(string name, string? alias, CancellationToken cancellationToken)
    {
        List<Dictionary<string, AttributeValue>> items = await QueryAsync(name, alias is null ? "HISTORY#" : $"HISTORY#{alias}#", cancellationToken).ConfigureAwait(false);
        return
        [
            .. items.Select(item => new AliasChange(
                name, item["Alias"].S, Long(item["Rev"]), OptionalInt(item, "FromVersion"), OptionalInt(item, "ToVersion"), item["Actor"].S,
                RegistryTimestamps.Parse(item["At"].S), item["Reason"].S)),
        ];
    }

    // The client belongs to the caller (or the DI container).
    public void Dispose()
    {
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string name, string sortKey, CancellationToken cancellationToken)
    {
        GetItemResponse response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = Key(name, sortKey),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string name, string prefix, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse page = await client.QueryAsync(new QueryRequest
            {
                TableName = table,
                ConsistentRead = true,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = S(Partition(name)), [":prefix"] = S(prefix) },
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }

    private static Dictionary<string, AttributeValue> VersionItem(ModelVersion version, long revision) => new()
    {
        [DynamoDbRegistryTable.PartitionKey] = S(Partition(version.Name)),
        [DynamoDbRegistryTable.SortKey] = S(VersionKey(version.Version)),
        ["Version"] = N(version.Version),
        ["Status"] = S(version.Status.ToString()),
        ["Rev"] = N(revision),
        ["Document"] = S(RegistryJson.Serialize(version)),
    };

    private ModelVersion VersionOf(Dictionary<string, AttributeValue> item, string name) =>
        RegistryJson.DeserializeVersion(item["Document"].S, $"{Location} {name}:{item["Version"].N}");

    private static RegisteredModel ModelOf(Dictionary<string, AttributeValue> item) => new(
        item[DynamoDbRegistryTable.EntityName].S, item.TryGetValue("Description", out AttributeValue? d) && d.NULL != true ? d.S : null,
        RegistryJson.DeserializeTags(item["Tags"].S), RegistryTimestamps.Parse(item["CreatedAt"].S), Int(item["LatestVersion"]));

    private static Dictionary<string, AttributeValue> Key(string name, string sortKey) => new()
    {
        [DynamoDbRegistryTable.PartitionKey] = S(Partition(name)),
        [DynamoDbRegistryTable.SortKey] = S(sortKey),
    };

    private static string Partition(string name) => $"MODEL#{name}";

    private static string LedgerPartition(string lineage) => $"LEDGER#{lineage}";

    private static string LedgerKey(LedgerEntryKind kind, string key) => $"{kind.ToString().ToUpperInvariant()}#{key}";

    private static string VersionKey(int version) => string.Create(CultureInfo.InvariantCulture, $"VERSION#{version:D10}");

    private static string AliasKey(string alias) => $"ALIAS#{alias}";

    private static string HistoryKey(string alias, long revision) => string.Create(CultureInfo.InvariantCulture, $"HISTORY#{alias}#{revision:D12}");

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static int Int(AttributeValue value) => int.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static long Long(AttributeValue value) => long.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static int? OptionalInt(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? value) && value.N is not null ? Int(value) : null;
}
