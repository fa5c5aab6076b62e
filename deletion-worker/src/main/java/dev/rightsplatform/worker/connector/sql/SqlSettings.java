package dev.rightsplatform.worker.connector.sql;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys of a system of type sql, {@code platform.systems.<systemId>.*}.
 *
 * @param r2dbcUrl the database, e.g. r2dbc:postgresql://db.internal:5432/shop (no credentials in it)
 * @param username the login the statements run as; give it only the rights the statements need
 * @param password that login's password; a ${...} placeholder, only ever from the environment
 * @param eraseStatements the statements an ERASE runs, in order, in one transaction; each uses :userId
 * @param precheckStatement a query returning one row with boolean can_close and optional text reason
 * @param collectQueries what a COLLECT reads: data category -> one SELECT using :userId, whose rows become the
 *        category's records
 * @param withdrawStatements the statements a WITHDRAW runs, in order, in one transaction; each uses :userId and may
 *        use :purpose
 */
record SqlSettings(
        @Nullable String r2dbcUrl,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue List<String> eraseStatements,
        @Nullable String precheckStatement,
        @DefaultValue Map<String, String> collectQueries,
        @DefaultValue List<String> withdrawStatements) {

    @Override
    public String toString() {
        return "SqlSettings[r2dbcUrl=" + r2dbcUrl + ", username=" + username + ", password="
                + (password == null ? "unset" : "***") + ", eraseStatements=" + eraseStatements.size()
                + ", collectQueries=" + collectQueries.keySet() + ", withdrawStatements=" + withdrawStatements.size()
                + "]";
    }
}
