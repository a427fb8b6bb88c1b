using System.Net.Sockets;
using Fanghu.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fanghu.Tests.Data;

/// <summary>Which failures mean “the database is away, try again” (a 503) rather than a fault of the code (a 500).</summary>
public sealed class DatabaseUnavailableTests
{
    [Fact]
    public void A_refused_or_broken_connection_a_server_shutting_down_and_a_locked_SQLite_file_are_unavailability()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(DatabaseUnavailable.Is(refused));
        // As EF Core hands it on, wrapped.
        Assert.True(DatabaseUnavailable.Is(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused)));
        Assert.True(DatabaseUnavailable.Is(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseUnavailable.Is(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.True(DatabaseUnavailable.Is(new SqliteException("SQLite Error 5: 'database is locked'.", 5)));
        Assert.True(DatabaseUnavailable.Is(new SqliteException("SQLite Error 6: 'database table is locked'.", 6)));
    }

    [Fact]
    public void Errors_of_the_data_or_the_code_are_not()
    {
        Assert.False(DatabaseUnavailable.Is(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseUnavailable.Is(new PostgresException("column \"x\" does not exist", "ERROR", "ERROR", "42703")));
        // Contention of the application's own transactions is not an absent database.
        Assert.False(DatabaseUnavailable.Is(new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")));
        Assert.False(DatabaseUnavailable.Is(new PostgresException("could not serialize access", "ERROR", "ERROR", "40001")));
        Assert.False(DatabaseUnavailable.Is(new PostgresException("could not obtain lock", "ERROR", "ERROR", "55P03")));
        Assert.False(DatabaseUnavailable.Is(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19)));
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(DatabaseUnavailable.Is(null));
    }
}
