package dev.rightsplatform.worker.connector.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an sql system runs for each action, checked by {@link SqlConnectorType}: an empty list or map means the
 * system does not support that action.
 *
 * @param collect data category -> SELECT, in the registry's order
 */
record SqlStatements(
        List<String> erase, @Nullable String precheck, Map<String, String> collect, List<String> withdraw) {

    SqlStatements {
        erase = List.copyOf(erase);
        collect = new LinkedHashMap<>(collect);
        withdraw = List.copyOf(withdraw);
    }

    static SqlStatements eraseOnly(List<String> erase, @Nullable String precheck) {
        return new SqlStatements(erase, precheck, Map.of(), List.of());
    }
}
