package dev.rightsplatform.rights.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/v1/deadlines} on the running service, without a token (it is public): the answer's fields, and a
 * problem with a stable type for each bad parameter. Expected dates worked out by hand, as in the table tests.
 */
class DeadlineApiIntegrationTests extends AbstractRightsIntegrationTests {

    @Test
    void answersTheDeadlineWithItsRuleAndExtension() {
        // 29 Feb + 1 month = 29 Mar, Good Friday; weekend; 1 Apr Easter Monday; so Tue 2 Apr, ending 23:59:59.999999
        // CEST
        deadlines("jurisdiction=DE&type=ACCESS&receivedAt=2024-02-29T10:00:00Z")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.jurisdiction")
                .isEqualTo("DE")
                .jsonPath("$.regime")
                .isEqualTo("GDPR")
                .jsonPath("$.type")
                .isEqualTo("ACCESS")
                .jsonPath("$.zone")
                .isEqualTo("Europe/Berlin")
                .jsonPath("$.dueDate")
                .isEqualTo("2024-04-02")
                .jsonPath("$.dueAt")
                .isEqualTo("2024-04-02T21:59:59.999999Z")
                .jsonPath("$.rule")
                .value(rule -> assertThat((String) rule)
                        .startsWith("GDPR Art. 12(3): one month from receipt (Reg. 1182/71)")
                        .contains("2024-03-29 is not a working day"))
                .jsonPath("$.provisional")
                .isEqualTo(false)
                .jsonPath("$.extensionAllowed")
                .isEqualTo(true)
                .jsonPath("$.extension.dueDate")
                .isEqualTo("2024-05-29")
                .jsonPath("$.acknowledgement")
                .doesNotExist();
    }

    @Test
    void answersTheRulesInChineseToAChineseReader() {
        for (var header : new String[] {"zh-CN", "zh-TW,zh;q=0.9,en;q=0.5", "zh"}) {
            deadlines("jurisdiction=DE&type=ACCESS&receivedAt=2024-02-29T10:00:00Z", header)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.CONTENT_LANGUAGE, "zh-CN")
                    .expectBody()
                    .jsonPath("$.dueDate")
                    .isEqualTo("2024-04-02")
                    .jsonPath("$.rule")
                    .isEqualTo(
                            "《通用数据保护条例》(GDPR) 第12条第3款：自收到请求之日起一个月内答复" + "（期间依第1182/71号条例计算）；2024-03-29不是工作日，故顺延至下一个工作日")
                    .jsonPath("$.extension.rule")
                    .value(rule -> assertThat((String) rule)
                            .startsWith("《通用数据保护条例》(GDPR) 第12条第3款：自收到请求之日起一个月内答复")
                            .contains("；延长2个月（按第1182/71号条例计算）：《通用数据保护条例》(GDPR) 第12条第3款："))
                    .jsonPath("$.source")
                    .value(source -> assertThat((String) source).startsWith("https://eur-lex"));
        }
        deadlines("jurisdiction=US-CA&type=ACCESS&receivedAt=2025-01-15T18:00:00Z", "zh-CN")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_LANGUAGE, "zh-CN")
                .expectBody()
                .jsonPath("$.rule")
                .value(rule -> assertThat((String) rule).startsWith("《加州消费者隐私法》(CCPA) 实施条例"))
                .jsonPath("$.acknowledgement.rule")
                .isEqualTo("《加州消费者隐私法》(CCPA) 实施条例 (11 CCR) §7021(a)：" + "须在10个工作日内确认收到请求")
                .jsonPath("$.acknowledgement.ruleZh")
                .doesNotExist()
                .jsonPath("$.ruleZh")
                .doesNotExist();
        deadlines("jurisdiction=CN&type=ACCESS&receivedAt=2025-03-03T02:00:00Z", "zh-CN")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("《信息安全技术 个人信息安全规范》(GB/T 35273-2020) 第8.7条：验证个人信息主体身份后，"
                        + "应在30天内作出答复；身份尚未核验，故暂自收到请求之日起计算，这是期限最早可能的起算日");
    }

    @Test
    void answersTheRulesInEnglishToEveryoneElse() {
        for (var header : new String[] {"en-GB", "de-DE,fr;q=0.8", "*", "not a language;;", ""}) {
            deadlines("jurisdiction=DE&type=ACCESS&receivedAt=2024-02-29T10:00:00Z", header)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                    .expectBody()
                    .jsonPath("$.rule")
                    .value(rule -> assertThat((String) rule)
                            .startsWith("GDPR Art. 12(3): one month from receipt (Reg. 1182/71)")
                            .contains("2024-03-29 is not a working day"))
                    .jsonPath("$.extension.rule")
                    .value(rule -> assertThat((String) rule).contains("extended by 2 months"));
        }
        deadlines("jurisdiction=CN&type=DEREGISTER&receivedAt=2025-03-03T02:00:00Z")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                .expectBody()
                .jsonPath("$.rule")
                .value(rule -> assertThat((String) rule).startsWith("App认定方法 (2019) and GB/T 35273-2020 §8.5"));
    }

    @Test
    void receivedAtDefaultsToNowAndTypeIsReadLeniently() {
        deadlines("jurisdiction=us-ca&type=opt-out-of-sale")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.jurisdiction")
                .isEqualTo("US-CA")
                .jsonPath("$.type")
                .isEqualTo("OPT_OUT_OF_SALE")
                .jsonPath("$.dueDate")
                .exists()
                .jsonPath("$.extensionAllowed")
                .isEqualTo(false)
                .jsonPath("$.extension")
                .doesNotExist();
    }

    @Test
    void ccpaShowsTheAcknowledgementMilestone() {
        deadlines("jurisdiction=US-CA&type=ACCESS&receivedAt=2025-01-15T18:00:00Z")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueDate")
                .isEqualTo("2025-03-01")
                .jsonPath("$.acknowledgement.dueDate")
                .isEqualTo("2025-01-30")
                .jsonPath("$.extension.dueDate")
                .isEqualTo("2025-04-15");
    }

    @Test
    void aChineseDeadlineIntoAYearWithoutDataIsProvisional() {
        deadlines("jurisdiction=CN&type=DEREGISTER&receivedAt=2026-12-20T02:00:00Z")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueDate")
                .isEqualTo("2027-01-08")
                .jsonPath("$.provisional")
                .isEqualTo(true)
                .jsonPath("$.yearsWithoutData[0]")
                .isEqualTo(2027);
    }

    @Test
    void anOffsetDateTimeIsAcceptedWhenItsPlusIsEncoded() {
        // 01:00 on 10 Oct in Shanghai: counting starts from 10 Oct
        deadlines("jurisdiction=CN&type=DEREGISTER&receivedAt=2025-10-10T01:00:00%2B08:00")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dueDate")
                .isEqualTo("2025-10-30");
    }

    @Test
    void badParametersAreProblemsWithAStableType() {
        problem("jurisdiction=XX&type=ACCESS", 400, "/problems/unknown-jurisdiction")
                .jsonPath("$.supported")
                .value(codes -> assertThat(codes.toString()).contains("GB-SCT"));
        problem("type=ACCESS", 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("jurisdiction");
        problem("jurisdiction=DE&type=ERASE", 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("type");
        problem("jurisdiction=DE&type=ACCESS&receivedAt=yesterday", 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("receivedAt")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).doesNotContain("yesterday"));
        problem(
                "jurisdiction=CN&type=ACCESS&receivedAt=2025-09-05T00:00:00Z&verifiedAt=2025-09-01T00:00:00Z",
                400,
                "/problems/invalid-request");
        problem("jurisdiction=CN&type=OPT_OUT_OF_SALE", 422, "/problems/no-deadline-policy");
    }

    /** The query goes out exactly as written (a URI template would encode the % of %2B again). */
    private WebTestClient.ResponseSpec deadlines(String query) {
        return http.get()
                .uri(URI.create("http://127.0.0.1:" + port + "/api/v1/deadlines?" + query))
                .exchange();
    }

    private WebTestClient.ResponseSpec deadlines(String query, String acceptLanguage) {
        return http.get()
                .uri(URI.create("http://127.0.0.1:" + port + "/api/v1/deadlines?" + query))
                .header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage)
                .exchange();
    }

    private WebTestClient.BodyContentSpec problem(String query, int status, String type) {
        return deadlines(query)
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(type);
    }
}
