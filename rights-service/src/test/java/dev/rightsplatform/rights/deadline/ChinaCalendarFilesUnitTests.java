package dev.rightsplatform.rights.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The China calendar files: the holiday-cn JSON operators supply, the platform's own format, and the shipped years. */
class ChinaCalendarFilesUnitTests {

    /** A made-up year in holiday-cn's shape; 2031 has no shipped file, so nothing else decides its days. */
    private static final String GOOD_2031 = """
            {
              "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
              "year": 2031,
              "papers": ["https://www.gov.cn/zhengce/zhengceku/203011/content_0000000.htm"],
              "days": [
                {"name": "元旦", "date": "2031-01-01", "isOffDay": true},
                {"name": "春节", "date": "2031-01-22", "isOffDay": true},
                {"name": "春节", "date": "2031-01-23", "isOffDay": true},
                {"name": "春节", "date": "2031-01-19", "isOffDay": false}
              ]
            }
            """;

    @Test
    void readsAHolidayCnFile() {
        var year = ChinaCalendarFiles.read("2031.json", bytes(GOOD_2031)).orElseThrow();

        assertThat(year.year()).isEqualTo(2031);
        assertThat(year.notices()).containsExactly("https://www.gov.cn/zhengce/zhengceku/203011/content_0000000.htm");
        assertThat(year.holidays())
                .containsExactlyInAnyOrder(
                        LocalDate.of(2031, 1, 1), LocalDate.of(2031, 1, 22), LocalDate.of(2031, 1, 23));
        assertThat(year.makeUp()).containsExactly(LocalDate.of(2031, 1, 19));
    }

    @Test
    void aHolidayCnPlaceholderWithoutDaysIsNoData() {
        var placeholder = "{\"year\": 2027, \"papers\": [], \"days\": []}";

        assertThat(ChinaCalendarFiles.read("2027.json", bytes(placeholder))).isEmpty();
    }

    @Test
    void malformedJsonFailsNamingTheFile() {
        assertThatThrownBy(() ->
                        ChinaCalendarFiles.read("/etc/rights/cn/2031.json", bytes("{\"year\": 2031, \"days\": [")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/etc/rights/cn/2031.json")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aBadDayFailsNamingTheFileAndTheDay() {
        var badDate = GOOD_2031.replace("2031-01-23", "2031-01-32");
        var badFlag = GOOD_2031.replace("\"isOffDay\": false", "\"isOffDay\": \"no\"");
        var noPapers = GOOD_2031.replace("\"https://www.gov.cn/zhengce/zhengceku/203011/content_0000000.htm\"", "");

        assertThatThrownBy(() -> ChinaCalendarFiles.read("2031.json", bytes(badDate)))
                .hasMessageContaining("2031.json")
                .hasMessageContaining("days[2].date '2031-01-32'");
        assertThatThrownBy(() -> ChinaCalendarFiles.read("2031.json", bytes(badFlag)))
                .hasMessageContaining("2031.json")
                .hasMessageContaining("days[3]");
        assertThatThrownBy(() -> ChinaCalendarFiles.read("2031.json", bytes(noPapers)))
                .hasMessageContaining("2031.json")
                .hasMessageContaining("cites no official notice");
    }

    @Test
    void readsThePlatformsOwnFormat() {
        var year = HolidaysFileFormat.parse("2031.holidays", """
                # a comment
                year 2031
                notice https://www.gov.cn/zhengce/zhengceku/203011/content_0000000.htm
                off  2030-12-31..2031-01-01  元旦 New Year's Day
                work 2031-01-04              元旦 make-up working day
                """);

        assertThat(year.holidays()).containsExactlyInAnyOrder(LocalDate.of(2030, 12, 31), LocalDate.of(2031, 1, 1));
        assertThat(year.makeUp()).containsExactly(LocalDate.of(2031, 1, 4));
    }

    @Test
    void aBadLineOfThePlatformsFormatFailsNamingFileAndLine() {
        assertThatThrownBy(() -> HolidaysFileFormat.parse("2031.holidays", "year 2031\nnotice x\nof 2031-01-01 typo\n"))
                .hasMessageContaining("2031.holidays line 3")
                .hasMessageContaining("unknown keyword 'of'");
        assertThatThrownBy(() -> HolidaysFileFormat.parse("2031.holidays", "year 2031\nnotice x\noff 2031-02-30\n"))
                .hasMessageContaining("2031.holidays line 3")
                .hasMessageContaining("'2031-02-30' is not a date");
        assertThatThrownBy(
                        () -> HolidaysFileFormat.parse("2031.holidays", "year 2031\noff 2031-01-01\nwork 2031-01-01\n"))
                .hasMessageContaining("cites no official notice")
                .hasMessageContaining("both as holidays and as working days");
    }

    @Test
    void shipsEveryYearFrom2018To2026EachCitingItsNotice() {
        var shipped = ChinaCalendarFiles.shipped();

        assertThat(shipped)
                .extracting(ChinaYear::year)
                .containsExactlyInAnyOrder(2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
        assertThat(shipped)
                .allSatisfy(year ->
                        assertThat(year.notices()).allMatch(url -> url.startsWith("http") && url.contains("gov.cn")));
    }

    @Test
    void anOperatorsDirectoryAddsYearsAndEndsTheirProvisionalCount(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("2031.json"), GOOD_2031);
        Files.writeString(directory.resolve("2027.json"), "{\"year\": 2027, \"papers\": [], \"days\": []}");
        Files.writeString(directory.resolve("README.txt"), "ignored");

        var calendar = ChinaCalendar.load(directory);

        assertThat(calendar.covers(2031)).isTrue();
        assertThat(calendar.covers(2027)).as("an empty placeholder is no data").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 19)))
                .as("a Sunday make-up day")
                .isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 22)))
                .as("a Wednesday holiday")
                .isFalse();
    }

    @Test
    void aBrokenOperatorFileStopsTheStartNamingIt(@TempDir Path directory) throws IOException {
        var broken = directory.resolve("2031.json");
        Files.writeString(broken, "not json");

        assertThatThrownBy(() -> ChinaCalendar.load(directory)).hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> ChinaCalendar.load(directory.resolve("missing")))
                .hasMessageContaining("rights.deadline.china-calendar-dir");
    }

    @Test
    void withoutDataEveryWeekdayIsAWorkingDayAndWeekendsAreNot() {
        var calendar = new ChinaCalendar(List.of());

        assertThat(calendar.covers(2027)).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1)))
                .as("Friday, New Year's Day")
                .isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 2)))
                .as("Saturday")
                .isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
