package dev.rightsplatform.systemtests;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Reads rights-service's system-test database directly, to follow many requests at once without polling the API. */
final class RightsDatabase {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/rights_systest";

    private RightsDatabase() {}

    /** Status of each request id given. */
    static Map<String, String> statuses(Collection<String> requestIds) {
        try (var connection = DriverManager.getConnection(URL, "postgres", "");
                var statement = connection.prepareStatement(
                        "select id::text, status from rights_request where id::text = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", requestIds.toArray()));
            var rows = statement.executeQuery();
            var statuses = new HashMap<String, String>();
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
            return statuses;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When the first of the requests was received and the last closed, and how long each took from received to
     * closed (seconds: median, 95th percentile, longest).
     */
    record Timings(java.time.Instant firstReceived, java.time.Instant lastClosed, double p50, double p95, double max) {}

    static Timings timings(Collection<String> requestIds) {
        try (var connection = DriverManager.getConnection(URL, "postgres", "");
                var statement = connection.prepareStatement("""
                     select min(received_at), max(closed_at),
                            percentile_cont(0.5) within group (order by extract(epoch from closed_at - received_at)),
                            percentile_cont(0.95) within group (order by extract(epoch from closed_at - received_at)),
                            max(extract(epoch from closed_at - received_at))
                     from rights_request where id::text = any(?)""")) {
            statement.setArray(1, connection.createArrayOf("text", requestIds.toArray()));
            var row = statement.executeQuery();
            row.next();
            return new Timings(
                    row.getTimestamp(1).toInstant(),
                    row.getTimestamp(2).toInstant(),
                    row.getDouble(3),
                    row.getDouble(4),
                    row.getDouble(5));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Collection<String> requestIds, String status) {
        return statuses(requestIds).values().stream().filter(status::equals).count();
    }

    /** How many requests the whole database holds in each status (a benchmark's fresh database holds only its own). */
    static Map<String, Long> countsByStatus() {
        try (var connection = DriverManager.getConnection(URL, "postgres", "");
                var rows = connection
                        .createStatement()
                        .executeQuery("select status, count(*) from rights_request group by 1")) {
            var counts = new HashMap<String, Long>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
