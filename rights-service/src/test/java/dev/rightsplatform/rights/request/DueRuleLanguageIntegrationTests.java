package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A request's {@code dueRule} in the reader's {@code Accept-Language}: the Chinese text is stored beside the English one
 * when the deadline is computed, so both keep every adjustment made then; a request without one (stored before there
 * were Chinese texts, or under an operator's policy without one) is shown in English.
 */
class DueRuleLanguageIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String PIPL_DEREGISTER_ZH = "《App违法违规收集使用个人信息行为认定方法》(2019) 及《信息安全技术 个人信息安全规范》"
            + "(GB/T 35273-2020) 第8.5条：需人工处理的账号注销，应自用户提出申请之日起15个工作日内完成核查和处理";
    private static final String PIPL_DEREGISTER_EN =
            "App认定方法 (2019) and GB/T 35273-2020 §8.5: account cancellation handled by hand within 15 working days of the request";

    @Test
    void aRequestsViewShowsTheRuleInTheReadersLanguage() {
        var owner = tokens.subject(newSubject());
        var id = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(owner))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\",\"jurisdiction\":\"CN\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();

        get(owner, "/api/v1/requests/" + id, "zh-CN")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.regime")
                .isEqualTo("PIPL")
                .jsonPath("$.dueRule")
                .isEqualTo(PIPL_DEREGISTER_ZH)
                .jsonPath("$.dueRuleZh")
                .doesNotExist();
        get(owner, "/api/v1/requests", "zh-CN,en;q=0.8")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].dueRule")
                .isEqualTo(PIPL_DEREGISTER_ZH);
        get(owner, "/api/v1/requests/" + id, "en-US")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueRule")
                .isEqualTo(PIPL_DEREGISTER_EN);
        get(owner, "/api/v1/requests/" + id, null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueRule")
                .isEqualTo(PIPL_DEREGISTER_EN);
        get(owner, "/api/v1/requests", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].dueRule")
                .isEqualTo(PIPL_DEREGISTER_EN);
        assertThat(db.sql("select due_rule_zh from rights_request where id = :id")
                        .bind("id", UUID.fromString(id))
                        .map(row -> row.get("due_rule_zh", String.class))
                        .one()
                        .block())
                .isEqualTo(PIPL_DEREGISTER_ZH);

        // stored before there were Chinese texts: English for everyone
        db.sql("update rights_request set due_rule_zh = null where id = :id")
                .bind("id", UUID.fromString(id))
                .then()
                .block();
        get(owner, "/api/v1/requests/" + id, "zh-CN")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueRule")
                .isEqualTo(PIPL_DEREGISTER_EN);
    }

    @Test
    void theEnginesExplanationIsStoredInChineseToo() {
        // without a login the identity is not verified yet: PIPL counts from verification, so from receipt meanwhile
        var view = http.post()
                .uri("/api/v1/public/requests")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\",\"email\":\"" + newSubject()
                        + "@example.com\",\"jurisdiction\":\"CN\"," + "\"locale\":\"zh-CN\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(view.get("dueRule").asString())
                .isEqualTo("《信息安全技术 个人信息安全规范》(GB/T 35273-2020) 第8.7条：验证个人信息主体身份后，应在30天内作出答复"
                        + "；身份尚未核验，故暂自收到请求之日起计算，这是期限最早可能的起算日");
        var agent = tokens.withRoles("agent-1", "support-agent");
        get(agent, "/api/v1/requests/" + view.get("id").asString(), null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueRule")
                .isEqualTo(
                        "GB/T 35273-2020 §8.7: answer within 30 days after verifying the subject's "
                                + "identity; identity not verified yet, so counted from receipt, the earliest the clock can start");
    }

    private WebTestClient.ResponseSpec get(String token, String path, String acceptLanguage) {
        return http.get()
                .uri(path)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (acceptLanguage != null) {
                        h.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
                    }
                })
                .exchange();
    }
}
