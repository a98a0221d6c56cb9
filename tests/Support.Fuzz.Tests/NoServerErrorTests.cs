using Support.Fuzz.Tests.Infrastructure;

namespace Support.Fuzz.Tests;

public sealed class PostgresHost() : StandaloneHost(DatabaseKind.Postgres);

public sealed class SqliteHost() : StandaloneHost(DatabaseKind.Sqlite);

/// <summary>Every operation of the API, fed generated edge inputs, on PostgreSQL (the services' run mode).</summary>
[Collection(PostgresHostCollection.Name)]
public sealed class PostgresFuzzTests(PostgresHost host, ITestOutputHelper output)
{
    [Fact]
    public Task No_generated_request_gets_a_server_error_or_writes_when_refused() => new FuzzRun(host, output).RunAsync();
}

/// <summary>The same on SQLite (the standalone run mode): both modes must refuse the same input.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class SqliteFuzzTests(SqliteHost host, ITestOutputHelper output)
{
    [Fact]
    public Task No_generated_request_gets_a_server_error_or_writes_when_refused() => new FuzzRun(host, output).RunAsync();
}
