package dev.rightsplatform.rights.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which of the two notice languages a caller's Accept-Language gets. */
class NoticeLanguageUnitTests {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                          | en
            ''                            | en
            zh-CN                         | zh-CN
            zh-cn,zh;q=0.9,en;q=0.8       | zh-CN
            zh-TW                         | zh-CN
            zh-Hans-CN                    | zh-CN
            en-US,en;q=0.9                | en
            fr-FR, zh;q=0.8, en;q=0.5     | zh-CN
            fr-FR, en;q=0.5               | en
            en;q=0.5, zh;q=0.8            | zh-CN
            de                            | en
            zh;q=0, en                    | en
            *                             | en
            ;;q=nonsense                  | en
            """)
    void picksTheMostPreferredOfTheTwo(String header, String expected) {
        assertThat(NoticeLanguage.forAcceptLanguage(header)).isEqualTo(expected);
    }
}
