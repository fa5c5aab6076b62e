package dev.rightsplatform.rights.deadline;

import static dev.rightsplatform.rights.deadline.Deadlines.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.web.ContentLanguage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The rule texts in Simplified Chinese: every shipped policy has one citing the same articles as its English rule,
 * the engine's explanations are translated, and a policy without a Chinese text (an operator's own) is shown in
 * English, whole.
 */
class DeadlineRuleLanguageUnitTests {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Test
    void everyShippedRuleHasAChineseTextCitingTheSameNumbers() {
        var catalog = DeadlineCatalog.load(new MockEnvironment());
        var checked = new ArrayList<String>();
        catalog.policies()
                .forEach((regime, byKind) -> byKind.forEach((kind, policy) -> {
                    var key = regime + "." + kind;
                    assertSameCitation(key + ".rule", policy.rule(), policy.ruleZh());
                    if (policy.extension() != null) {
                        assertSameCitation(
                                key + ".extension.rule",
                                policy.extension().rule(),
                                policy.extension().ruleZh());
                    }
                    if (policy.acknowledgement() != null) {
                        assertSameCitation(
                                key + ".acknowledgement.rule",
                                policy.acknowledgement().rule(),
                                policy.acknowledgement().ruleZh());
                    }
                    checked.add(key);
                }));
        assertThat(catalog.policies().keySet())
                .containsExactlyInAnyOrder("GDPR", "UK_GDPR", "CCPA", "VCDPA", "LGPD", "PIPL");
        assertThat(checked).hasSize(4 * 5 + 2 * 4);
    }

    @Test
    void theEnginesExplanationsAreTranslated() {
        var engine = Deadlines.shipped();
        // 29 Feb + 1 month = 29 Mar, Good Friday: moved to Tue 2 Apr; extended by two months from 29 Mar
        var rolled = engine.compute(query("DE", DeadlineKind.ACCESS, "2024-02-29T10:00:00Z"));
        var extended = engine.extend(query("DE", DeadlineKind.ACCESS, "2024-02-29T10:00:00Z"));
        var unverified = engine.compute(query("CN", DeadlineKind.ACCESS, "2025-03-03T02:00:00Z"));
        var paused = engine.compute(query("GB", DeadlineKind.ACCESS, "2025-03-03T10:00:00Z")
                .paused(Instant.parse("2025-03-05T10:00:00Z"), Instant.parse("2025-03-10T10:00:00Z")));
        var provisional = engine.compute(query("CN", DeadlineKind.DEREGISTER, "2026-12-20T02:00:00Z"));
        var ccpa = engine.compute(query("US-CA", DeadlineKind.ACCESS, "2025-01-15T18:00:00Z"));

        assertThat(rolled.rule(ContentLanguage.ZH_CN))
                .isEqualTo("《通用数据保护条例》(GDPR) 第12条第3款：自收到请求之日起一个月内答复（期间依第1182/71号条例计算）" + "；2024-03-29不是工作日，故顺延至下一个工作日");
        assertThat(rolled.rule(ContentLanguage.EN))
                .isEqualTo(rolled.rule())
                .startsWith("GDPR Art. 12(3): one month from receipt (Reg. 1182/71)");
        assertThat(extended.rule(ContentLanguage.ZH_CN))
                .contains("；延长2个月（按第1182/71号条例计算）：《通用数据保护条例》(GDPR) 第12条第3款：考虑到请求的复杂性和数量");
        assertThat(unverified.rule(ContentLanguage.ZH_CN))
                .startsWith("《信息安全技术 个人信息安全规范》(GB/T 35273-2020) 第8.7条")
                .endsWith("；身份尚未核验，故暂自收到请求之日起计算，这是期限最早可能的起算日");
        assertThat(paused.rule(ContentLanguage.ZH_CN))
                .startsWith("《英国通用数据保护条例》(UK GDPR) 第12条第3款")
                .contains("；计时暂停5天");
        assertThat(provisional.rule(ContentLanguage.ZH_CN)).contains("；暂定：2027年的节假日安排尚未公布，周一至周五均按工作日计算");
        assertThat(ccpa.acknowledgement().rule(ContentLanguage.ZH_CN))
                .isEqualTo("《加州消费者隐私法》(CCPA) 实施条例 (11 CCR) §7021(a)：须在10个工作日内确认收到请求");
        for (var deadline : List.of(rolled, extended, unverified, paused, provisional, ccpa)) {
            assertThat(deadline.ruleZh())
                    .as("no English explanation left in %s", deadline.ruleZh())
                    .doesNotContain("; ")
                    .doesNotContainIgnoringCase("working day")
                    .doesNotContain("PROVISIONAL");
        }
    }

    @Test
    void anOperatorsPolicyWithoutAChineseRuleIsShownInEnglishWhole() {
        var engine = Deadlines.engine(new MockEnvironment()
                .withProperty("rights.deadline.jurisdictions.US-TX.regime", "TDPSA")
                .withProperty("rights.deadline.jurisdictions.US-TX.zone", "America/Chicago")
                .withProperty("rights.deadline.jurisdictions.US-TX.holidays", "jollyday:us")
                .withProperty("rights.deadline.policies.tdpsa.access.rule", "Tex. Bus. & Com. Code §541.052: 45 days")
                .withProperty("rights.deadline.policies.tdpsa.access.source", "https://statutes.capitol.texas.gov/")
                .withProperty("rights.deadline.policies.tdpsa.access.period.amount", "45")
                .withProperty("rights.deadline.policies.tdpsa.access.period.counting", "calendar-days")
                .withProperty("rights.deadline.policies.tdpsa.access.clock-start", "receipt")
                .withProperty("rights.deadline.policies.tdpsa.access.due-soon", "7d")
                .withProperty("rights.deadline.policies.tdpsa.access.extension.period.amount", "45")
                .withProperty("rights.deadline.policies.tdpsa.access.extension.period.counting", "calendar-days")
                .withProperty("rights.deadline.policies.tdpsa.access.extension.rule", "§541.052: once by 45 days")
                // a shipped policy whose extension the operator rewrote in English only
                .withProperty("rights.deadline.policies.gdpr.access.extension.rule", "GDPR Art. 12(3): two more months")
                .withProperty("rights.deadline.policies.gdpr.access.extension.rule-zh", "")
                .withProperty("rights.deadline.policies.vcdpa.access.rule-zh", "弗吉尼亚州：45日"));

        var texas = engine.compute(query("US-TX", DeadlineKind.ACCESS, "2025-02-03T15:00:00Z"));
        var texasExtended = engine.extend(query("US-TX", DeadlineKind.ACCESS, "2025-02-03T15:00:00Z"));
        var gdpr = engine.compute(query("IE", DeadlineKind.ACCESS, "2025-02-03T10:00:00Z"));
        var gdprExtended = engine.extend(query("IE", DeadlineKind.ACCESS, "2025-02-03T10:00:00Z"));
        var virginia = engine.compute(query("US-VA", DeadlineKind.ACCESS, "2025-02-03T15:00:00Z"));

        assertThat(texas.ruleZh()).isNull();
        assertThat(texas.rule(ContentLanguage.ZH_CN)).isEqualTo("Tex. Bus. & Com. Code §541.052: 45 days");
        assertThat(texasExtended.rule(ContentLanguage.ZH_CN))
                .isEqualTo(texasExtended.rule())
                .contains("extended by");
        assertThat(gdpr.rule(ContentLanguage.ZH_CN)).startsWith("《通用数据保护条例》(GDPR) 第12条第3款");
        assertThat(gdprExtended.ruleZh()).as("no half-Chinese text").isNull();
        assertThat(gdprExtended.rule(ContentLanguage.ZH_CN))
                .isEqualTo(gdprExtended.rule())
                .contains("extended by 2 months (Reg. 1182/71): GDPR Art. 12(3): two more months");
        assertThat(virginia.rule(ContentLanguage.ZH_CN)).isEqualTo("弗吉尼亚州：45日");
    }

    /** Both texts present, and every number the English rule cites (article, section, days) in the Chinese one too. */
    private static void assertSameCitation(String key, @Nullable String english, @Nullable String chinese) {
        assertThat(chinese).as(key + "-zh").isNotBlank();
        assertThat(chinese).as(key + "-zh is Chinese").containsPattern("\\p{IsHan}");
        var numbers =
                NUMBER.matcher(english).results().map(match -> match.group()).toList();
        assertThat(numbers).as(key + " cites a number").isNotEmpty();
        for (var number : numbers) {
            assertThat(chinese)
                    .as(key + "-zh cites " + number + " as " + english + " does")
                    .contains(number);
        }
    }
}
