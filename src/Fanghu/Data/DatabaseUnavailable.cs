using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fanghu.Data;

/// <summary>
/// Tells a database that is away for a while (PostgreSQL stopped or restarting, the network to it down, a SQLite file
/// locked by another writer) from a fault of the code: the first is answered “unavailable, try again shortly” (503),
/// not as an error of the system, and passes once the database is back.
/// </summary>
public static class DatabaseUnavailable
{
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public static bool Is(Exception? exception)
    {
        // EF Core wraps a transient failure in an InvalidOperationException, and a failed save in a DbUpdateException.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A deadlock, a serialization failure or a lock not granted (classes 40 and 55) are transient for Npgsql
                // too, but they are the application's contention, not an absent database: not a 503.
                case PostgresException { SqlState: ['4', '0', ..] or ['5', '5', ..] }:
                    return false;
                // Refused or broken connections, timeouts, and the server's own “shutting down / starting up / too many
                // connections”.
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
            }
        }
        return false;
    }
}
