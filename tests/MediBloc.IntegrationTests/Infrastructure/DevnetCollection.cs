namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>The test collection that shares one <see cref="DevnetFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DevnetCollection : ICollectionFixture<DevnetFixture>
{
    /// <summary>The collection name for <c>[Collection(DevnetCollection.Name)]</c>.</summary>
    public const string Name = "devnet";
}
