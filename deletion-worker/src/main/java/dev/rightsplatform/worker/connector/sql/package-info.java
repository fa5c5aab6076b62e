/**
 * The SQL connector (type sql): operator-supplied statements against another database, one transaction per task.
 */
@NullMarked
package dev.rightsplatform.worker.connector.sql;

import org.jspecify.annotations.NullMarked;
