using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MacroLab.Registry;

/// <summary>
/// The DynamoDB table of the registry, a single-table design: partition key <c>PK</c> = <c>MODEL#&lt;name&gt;</c>, sort key
/// <c>SK</c> = <c>#MODEL</c> (the model and its version counter), <c>VERSION#&lt;10-digit number&gt;</c>,
/// <c>ALIAS#&lt;alias&gt;</c> or <c>HISTORY#&lt;alias&gt;#&lt;12-digit revision&gt;</c>; and one sparse global secondary
/// index <c>models-by-name</c> (<c>EntityType</c>, <c>EntityName</c>) that only model items carry, for listing models.
/// On-demand billing. The CloudFormation template in <c>deploy/</c> declares the same table.
/// </summary>
public static class DynamoDbRegistryTable
{
    /// <summary>The partition key attribute.</summary>
    public const string PartitionKey = "PK";

    /// <summary>The sort key attribute.</summary>
    public const string SortKey = "SK";

    /// <summary>The index that lists models.</summary>
    public const string ModelsIndex = "models-by-name";

    internal const string EntityType = "EntityType";
    internal const string EntityName = "EntityName";
    internal const string ModelEntity = "MODEL";

    /// <summary>Creates the table (on-demand) and waits until it is active; does nothing when it exists.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table's name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task CreateIfMissingAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        try
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = tableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions =
                [
                    new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
                    new AttributeDefinition(SortKey, ScalarAttributeType.S),
                    new AttributeDefinition(EntityType, ScalarAttributeType.S),
                    new AttributeDefinition(EntityName, ScalarAttributeType.S),
                ],
                KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
                GlobalSecondaryIndexes =
                [
                    new GlobalSecondaryIndex
                    {
                        IndexName = ModelsIndex,
                        KeySchema = [new KeySchemaElement(EntityType, KeyType.HASH), new KeySchemaElement(EntityName, KeyType.RANGE)],
                        Projection = new Projection { ProjectionType = ProjectionType.ALL },
                    },
                ],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // It exists: fall through to the wait, in case another process is creating it.
        }

        for (int attempt = 0; attempt < 600; attempt++)
        {
            DescribeTableResponse table = await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (table.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"DynamoDB table {tableName} did not become active within 2 minutes.");
    }
}
