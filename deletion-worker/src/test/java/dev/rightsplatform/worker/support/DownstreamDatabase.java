package dev.rightsplatform.worker.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL database standing in for an in-house system of type sql: worker_downstream_test, created afresh
 * and dropped over JDBC as user postgres (local trust authentication), with a shop's customers, orders, invoices and
 * consents. Invoices are kept (anonymised) because accounting law says so; the rest is deleted. COLLECT reads the
 * customer and the orders (columns of many types), WITHDRAW turns a consent off.
 */
public final class DownstreamDatabase {

    public static final String NAME = "worker_downstream_test";

    public static final String R2DBC_URL = "r2dbc:postgresql://127.0.0.1:5432/" + NAME;

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private DownstreamDatabase() {}

    public static void create() throws SQLException {
        drop();
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + NAME);
        }
        try (Connection db = connect();
                Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE customers (id text PRIMARY KEY, name text NOT NULL,"
                    + " balance numeric NOT NULL DEFAULT 0, joined_on date NOT NULL DEFAULT '2020-02-29',"
                    + " photo bytea, newsletter boolean NOT NULL DEFAULT true, last_seen timestamptz,"
                    + " preferences jsonb)");
            statement.execute("CREATE TABLE orders (id serial PRIMARY KEY, customer_id text NOT NULL,"
                    + " total numeric(10, 2) NOT NULL DEFAULT 12.50, paid boolean NOT NULL DEFAULT false,"
                    + " placed_at timestamptz NOT NULL DEFAULT '2024-05-01T10:00:00Z', note text)");
            statement.execute("CREATE TABLE consents (customer_id text NOT NULL, purpose text NOT NULL,"
                    + " granted boolean NOT NULL, PRIMARY KEY (customer_id, purpose))");
            statement.execute("CREATE TABLE invoices (id serial PRIMARY KEY, customer_id text NOT NULL,"
                    + " customer_name text NOT NULL)");
        }
    }

    public static void drop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
        }
    }

    /** A customer with some orders and invoices, and the balance they owe. */
    public static void customer(String id, int orders, int invoices, int balance) throws SQLException {
        try (Connection db = connect()) {
            update(db, "INSERT INTO customers (id, name, balance) VALUES (?, 'Li Wei', " + balance + ")", id);
            for (int i = 0; i < orders; i++) {
                update(db, "INSERT INTO orders (customer_id) VALUES (?)", id);
            }
            for (int i = 0; i < invoices; i++) {
                update(db, "INSERT INTO invoices (customer_id, customer_name) VALUES (?, 'Li Wei')", id);
            }
        }
    }

    /** Sets columns of the customer that COLLECT reads: a photo, when last seen, and preferences (JSON). */
    public static void profile(String id, byte[] photo, String lastSeen, String preferencesJson) throws SQLException {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement("UPDATE customers SET photo = ?,"
                        + " last_seen = ?::timestamptz, preferences = ?::jsonb WHERE id = ?")) {
            statement.setBytes(1, photo);
            statement.setString(2, lastSeen);
            statement.setString(3, preferencesJson);
            statement.setString(4, id);
            statement.executeUpdate();
        }
    }

    /** The customer gave consent for each purpose. */
    public static void consents(String id, String... purposes) throws SQLException {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement(
                        "INSERT INTO consents (customer_id, purpose, granted) VALUES (?, ?, true)")) {
            for (String purpose : purposes) {
                statement.setString(1, id);
                statement.setString(2, purpose);
                statement.executeUpdate();
            }
        }
    }

    /** Whether the customer's consent for the purpose is still on. */
    public static boolean granted(String id, String purpose) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query =
                        db.prepareStatement("SELECT granted FROM consents WHERE customer_id = ? AND purpose = ?")) {
            query.setString(1, id);
            query.setString(2, purpose);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no consent row for " + purpose);
                }
                return rows.getBoolean(1);
            }
        }
    }

    /** Rows of the table whose customer column holds the id. */
    public static int count(String table, String column, String id) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query =
                        db.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    public static int namedInvoices(String id) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT count(*) FROM invoices WHERE customer_id = ? AND customer_name <> 'anonymised'")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void update(Connection db, String sql, String id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + NAME, "postgres", "");
    }
}
