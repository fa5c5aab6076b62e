package dev.rightsplatform.worker.settings;

import static dev.rightsplatform.worker.settings.StartupChecksUnitTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.worker.connector.Connectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/**
 * The registry file itself, the settings of the sql and opendsr types, and the keys of the actions a system's
 * request-types and purposes bring (collect-url, withdraw-url, collect-queries, withdraw-statements) are checked at
 * start-up.
 */
class RegistrySettingsUnitTests {

    private static final String CRM = "platform.systems.crm.";

    private final ApplicationContextRunner connectors =
            new ApplicationContextRunner().withUserConfiguration(StartupChecksUnitTests.ConnectorBeans.class);

    @Test
    void aValidSqlSystemStartsWithoutConnecting() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1:1/nowhere"))
                .run(context -> assertThat(context.getBean(Connectors.class).forSystem("shop"))
                        .isPresent());
    }

    @Test
    void sqlSystemWithoutR2dbcUrlIsRefused() {
        this.connectors
                .withPropertyValues(
                        "platform.systems.shop.type=sql",
                        "platform.systems.shop.username=u",
                        "platform.systems.shop.password=p",
                        "platform.systems.shop.erase-statements[0]=DELETE FROM t WHERE id = :userId")
                .run(context -> assertRefused(context, "platform.systems.shop.r2dbc-url", "is required"));
    }

    @Test
    void sqlStatementWithoutTheSubjectIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1/shop"))
                .withPropertyValues("platform.systems.shop.erase-statements[1]=DELETE FROM orders")
                .run(context -> assertRefused(context, "platform.systems.shop.erase-statements[1]", ":userId"));
    }

    @Test
    void sqlSystemWithPrecheckButNoStatementIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1/shop"))
                .withPropertyValues("platform.systems.shop.precheck=true")
                .run(context -> assertRefused(
                        context, "platform.systems.shop.precheck-statement", "is required when precheck is true"));
    }

    @Test
    void sqlSystemWithAnUnknownDriverIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:nosuchdb://127.0.0.1/shop"))
                .run(context -> assertRefused(context, "platform.systems.shop.r2dbc-url", "no database"));
    }

    @Test
    void anHttpSystemForAccessExportAndWithdrawalStartsAndItsPurposesAreIgnored() {
        this.connectors
                .withPropertyValues(http("ACCESS", "WITHDRAW_CONSENT"))
                .withPropertyValues(
                        CRM + "collect-url=http://127.0.0.1:9101/collect",
                        CRM + "withdraw-url=http://127.0.0.1:9101/withdraw",
                        CRM + "purposes[0]=marketing",
                        "worker.keycloak.client-secret=s3cret")
                .run(context -> assertThat(context.getBean(Connectors.class).forSystem("crm"))
                        .isPresent());
    }

    @Test
    void anHttpSystemForAccessWithoutCollectUrlIsRefused() {
        this.connectors
                .withPropertyValues(http("EXPORT"))
                .run(context -> assertRefused(
                        context,
                        CRM + "collect-url",
                        "is required because request-types [EXPORT] include ACCESS or EXPORT"));
    }

    @Test
    void anHttpSystemWithPurposesWithoutWithdrawUrlIsRefused() {
        this.connectors
                .withPropertyValues(http("DEREGISTER"))
                .withPropertyValues(CRM + "purposes[0]=marketing")
                .run(context -> assertRefused(
                        context, CRM + "withdraw-url", "is required because it lists purposes [marketing]"));
    }

    @Test
    void aSystemThatCanCollectNeedsTheWorkersClientSecret() {
        this.connectors
                .withPropertyValues(http("ACCESS"))
                .withPropertyValues(CRM + "collect-url=http://127.0.0.1:9101/collect")
                .run(context -> assertRefused(
                        context,
                        "worker.keycloak.client-secret",
                        "is required when platform.systems.crm.collect-url is set"));
    }

    @Test
    void aSqlSystemForAccessAndWithdrawalStarts() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1:1/nowhere"))
                .withPropertyValues(
                        "platform.systems.shop.request-types=ACCESS,WITHDRAW_CONSENT",
                        "platform.systems.shop.collect-queries.orders=SELECT * FROM orders WHERE customer_id = :userId",
                        "platform.systems.shop.withdraw-statements[0]=UPDATE consents SET granted = false"
                                + " WHERE customer_id = :userId AND purpose = :purpose",
                        "worker.keycloak.client-secret=s3cret")
                .run(context -> assertThat(context.getBean(Connectors.class).forSystem("shop"))
                        .isPresent());
    }

    @Test
    void aSqlSystemForAccessWithoutCollectQueriesIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1/shop"))
                .withPropertyValues("platform.systems.shop.request-types=ACCESS")
                .run(context -> assertRefused(context, "platform.systems.shop.collect-queries", "is required because"));
    }

    @Test
    void aCollectQueryThatIsNotASelectIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1/shop"))
                .withPropertyValues(
                        "platform.systems.shop.collect-queries.orders=DELETE FROM orders WHERE id = :userId",
                        "worker.keycloak.client-secret=s3cret")
                .run(context ->
                        assertRefused(context, "platform.systems.shop.collect-queries.orders", "must be one SELECT"));
    }

    @Test
    void aSqlSystemWithPurposesWithoutWithdrawStatementsIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1/shop"))
                .withPropertyValues("platform.systems.shop.purposes=marketing")
                .run(context -> assertRefused(
                        context,
                        "platform.systems.shop.withdraw-statements",
                        "is required because it lists purposes [marketing]"));
    }

    @Test
    void aWithdrawStatementWithoutTheSubjectIsRefused() {
        this.connectors
                .withPropertyValues(sql("r2dbc:postgresql://127.0.0.1/shop"))
                .withPropertyValues("platform.systems.shop.withdraw-statements[0]=UPDATE consents SET granted = false")
                .run(context -> assertRefused(context, "platform.systems.shop.withdraw-statements[0]", ":userId"));
    }

    @Test
    void aValidOpenDsrSystemStarts() {
        this.connectors
                .withPropertyValues(openDsr("https://dsr.vendor.test/opendsr/v2"))
                .run(context -> assertThat(context.getBean(Connectors.class).forSystem("vendor"))
                        .isPresent());
    }

    @Test
    void openDsrBaseUrlWithoutVersionIsRefused() {
        this.connectors
                .withPropertyValues(openDsr("https://dsr.vendor.test/opendsr"))
                .run(context -> assertRefused(context, "platform.systems.vendor.base-url", "version path"));
    }

    @Test
    void openDsrWithoutApiKeyIsRefused() {
        this.connectors
                .withPropertyValues(openDsr("https://dsr.vendor.test/v2"))
                .withPropertyValues("platform.systems.vendor.api-key=")
                .run(context -> assertRefused(context, "platform.systems.vendor.api-key", "is required"));
    }

    @Test
    void openDsrWithAnUnknownRegulationIsRefused() {
        this.connectors
                .withPropertyValues(openDsr("https://dsr.vendor.test/v2"))
                .withPropertyValues("platform.systems.vendor.regulation=hipaa")
                .run(context -> assertRefused(context, "platform.systems.vendor.regulation", "must be one of"));
    }

    @Test
    void theRegistryFileMustBeNamed() {
        assertThatThrownBy(() -> SystemsFileCheck.check(null))
                .isInstanceOfSatisfying(InvalidSettingException.class, ex -> {
                    assertThat(ex.setting()).isEqualTo("SYSTEM_REGISTRY_FILE");
                    assertThat(ex.environmentVariable()).isEqualTo("SYSTEM_REGISTRY_FILE");
                    assertThat(ex.getMessage()).contains("is not set");
                });
    }

    @Test
    void theRegistryFileMustExist() {
        assertThatThrownBy(() -> SystemsFileCheck.check("/no/such/systems.yml"))
                .isInstanceOfSatisfying(InvalidSettingException.class, ex -> {
                    assertThat(ex.setting()).isEqualTo("SYSTEM_REGISTRY_FILE");
                    assertThat(ex.getMessage()).contains("/no/such/systems.yml").contains("not a readable file");
                });
    }

    @Test
    void startingWithoutTheRegistryFileFailsBeforeAnythingElse() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);

        assertThatThrownBy(() -> new SystemsFileCheck().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("SYSTEM_REGISTRY_FILE");
    }

    private static String[] sql(String url) {
        return new String[] {
            "platform.systems.shop.type=sql",
            "platform.systems.shop.r2dbc-url=" + url,
            "platform.systems.shop.username=shop",
            "platform.systems.shop.password=s3cret",
            "platform.systems.shop.erase-statements[0]=DELETE FROM customers WHERE id = :userId"
        };
    }

    private static String[] http(String... requestTypes) {
        return new String[] {
            CRM + "type=http",
            CRM + "url=http://127.0.0.1:9101/erase",
            CRM + "secret=s3cret",
            CRM + "request-types=" + String.join(",", requestTypes)
        };
    }

    private static String[] openDsr(String baseUrl) {
        return new String[] {
            "platform.systems.vendor.type=opendsr",
            "platform.systems.vendor.base-url=" + baseUrl,
            "platform.systems.vendor.api-key=k3y",
            "platform.systems.vendor.callback-base-url=https://worker.test"
        };
    }
}
