package dev.rightsplatform.worker.execution;

import io.r2dbc.spi.Option;
import java.util.Map;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger's database sessions plan each statement once (PostgreSQL's generic plans). The batched claim and
 * finish take arrays, whose length a custom plan knows: PostgreSQL then finds every custom plan cheaper than the
 * generic one and plans the statement again at each execution (milliseconds for the claim, more than batching
 * saves). Their generic plans are the same index look-ups, and so are those of the ledger's other statements.
 * Connections to the downstream databases of sql systems are made elsewhere and keep their defaults.
 */
@Configuration(proxyBeanMethods = false)
class LedgerSessions {

    /** r2dbc-postgresql's session parameters (PostgresqlConnectionFactoryProvider.OPTIONS). */
    private static final Option<Map<String, String>> SESSION_PARAMETERS = Option.valueOf("options");

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer genericPlans() {
        return options -> options.option(SESSION_PARAMETERS, Map.of("plan_cache_mode", "force_generic_plan"));
    }
}
