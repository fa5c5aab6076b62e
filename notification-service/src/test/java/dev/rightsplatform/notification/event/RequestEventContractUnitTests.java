package dev.rightsplatform.notification.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.rightsplatform.notification.ContractSchema;
import dev.rightsplatform.notification.RequestEvents;
import dev.rightsplatform.notification.RequestEvents.Sample;
import dev.rightsplatform.notification.event.RequestEvent.Retention;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The service accepts exactly the RequestEvents that infra/asyncapi.yaml describes: for every sample, the reader's
 * verdict equals the contract schema's. The deliberate differences are listed in {@link #lenient()} and
 * {@link #stricter()}.
 */
class RequestEventContractUnitTests {

    private static final String EMAIL = "ada@example.org";

    private final RequestEventReader reader = new RequestEventReader();

    static Stream<Named<Sample>> valid() {
        Sample received = RequestEvents.received(EMAIL);
        Sample completed = RequestEvents.completed(EMAIL);
        Sample verification = RequestEvents.verificationCode(EMAIL);
        return Stream.of(
                Named.of("request.received in en", received),
                Named.of("request.verification-code in en", verification),
                Named.of("request.verification-code in zh-CN", verification.with("recipient.locale", "zh-CN")),
                Named.of(
                        "request.verification-code with code 000000 and a UTC expiry",
                        verification.with("code", "000000").with("codeExpiresAt", "2026-02-13T09:45:30.5Z")),
                Named.of(
                        "code and codeExpiresAt on another event type (ignored)",
                        received.with("code", "123456").with("codeExpiresAt", "2026-02-13T09:45:30Z")),
                Named.of(
                        "code and codeExpiresAt null on another event type",
                        received.with("code", JsonNodeFactory.instance.nullNode())
                                .with("codeExpiresAt", JsonNodeFactory.instance.nullNode())),
                Named.of("request.completed in zh-CN", RequestEvents.completed(EMAIL)),
                Named.of("request.export-ready in en", RequestEvents.exportReady(EMAIL)),
                Named.of(
                        "request.export-ready in zh-CN",
                        RequestEvents.exportReady(EMAIL).with("recipient.locale", "zh-CN")),
                Named.of(
                        "request.export-ready with a UTC availableUntil and fractional seconds",
                        RequestEvents.exportReady(EMAIL).with("availableUntil", "2026-02-20T17:30:59.250Z")),
                Named.of(
                        "availableUntil on another event type (ignored)",
                        completed.with("availableUntil", "2026-02-20T17:30:59Z")),
                Named.of(
                        "availableUntil null on another event type",
                        completed.with("availableUntil", JsonNodeFactory.instance.nullNode())),
                Named.of("request.refused with a reason", RequestEvents.refused(EMAIL)),
                Named.of("request.extended with dueDate and a reason", RequestEvents.extended(EMAIL)),
                Named.of("request.overdue", RequestEvents.forAgents("request.overdue", EMAIL)),
                Named.of("request.task-overdue with a systemId", RequestEvents.taskOverdue(EMAIL)),
                Named.of("systemId null", received.with("systemId", JsonNodeFactory.instance.nullNode())),
                Named.of("systemId any text", received.with("systemId", "Order System (EU)")),
                Named.of("request.completed with retention", RequestEvents.completedWithRetention(EMAIL)),
                Named.of("retention null", completed.with("retention", JsonNodeFactory.instance.nullNode())),
                Named.of("retention empty", completed.with("retention", List.of())),
                Named.of(
                        "retention with empty category and basis",
                        completed.with("retention", List.of(RequestEvents.retained("", "", "2030-01-01")))),
                Named.of(
                        "retention on another event type",
                        received.with("retention", List.of(RequestEvents.retained("logs", "a law", "2030-01-01")))),
                Named.of("dueDate null", received.with("dueDate", JsonNodeFactory.instance.nullNode())),
                Named.of("reason null", received.with("reason", JsonNodeFactory.instance.nullNode())),
                Named.of("reason empty", received.with("reason", "")),
                Named.of("reason of 2000 characters outside the BMP", received.with("reason", "😀".repeat(2000))),
                Named.of("dueAt null", received.with("dueAt", JsonNodeFactory.instance.nullNode())),
                Named.of("dueAt absent", received.without("dueAt")),
                Named.of("email null", received.with("recipient.email", JsonNodeFactory.instance.nullNode())),
                Named.of("email absent", received.without("recipient.email")),
                Named.of("requestType ACCESS", received.with("requestType", "ACCESS")),
                Named.of("requestType WITHDRAW_CONSENT", received.with("requestType", "WITHDRAW_CONSENT")),
                Named.of(
                        "fractional seconds and an offset",
                        received.with("occurredAt", "2026-02-13T17:30:00.123+08:00")),
                Named.of("any status text", received.with("status", "AWAITING_VERIFICATION")),
                Named.of("upper-case UUID", received.with("requestId", "6F1C2B0E-8A7D-4E21-9C3B-5D4E3F2A1B0C")),
                Named.of(
                        "request.completed of a deregistration with its receiptPath",
                        RequestEvents.completedWithReceipt(EMAIL)),
                Named.of(
                        "request.completed of a withdrawal with its receiptPath",
                        RequestEvents.completedWithReceipt(EMAIL).with("requestType", "WITHDRAW_CONSENT")),
                Named.of("receiptPath null", completed.with("receiptPath", JsonNodeFactory.instance.nullNode())),
                Named.of(
                        "receiptPath on another event type (ignored)",
                        received.with("receiptPath", RequestEvents.receiptPath(received.requestId()))),
                Named.of("withoutAccount true", verification.with("withoutAccount", true)),
                Named.of("withoutAccount false", received.with("withoutAccount", false)),
                Named.of("jurisdiction a country", received.with("jurisdiction", "DE")),
                Named.of("jurisdiction with a subdivision", received.with("jurisdiction", "GB-SCT")),
                Named.of("jurisdiction null", received.with("jurisdiction", JsonNodeFactory.instance.nullNode())));
    }

    static Stream<Named<Sample>> invalid() {
        Sample received = RequestEvents.received(EMAIL);
        Sample retained = RequestEvents.completedWithRetention(EMAIL);
        Sample verification = RequestEvents.verificationCode(EMAIL);
        Sample exportReady = RequestEvents.exportReady(EMAIL);
        Sample receipt = RequestEvents.completedWithReceipt(EMAIL);
        Stream<Named<Sample>> badAvailableUntil = Stream.of(
                Named.of("availableUntil not a date-time", exportReady.with("availableUntil", "in 7 days")),
                Named.of("availableUntil a date only", exportReady.with("availableUntil", "2026-02-20")),
                Named.of("availableUntil without offset", exportReady.with("availableUntil", "2026-02-20T17:30:59")),
                Named.of(
                        "availableUntil a day that does not exist",
                        exportReady.with("availableUntil", "2026-02-30T17:30:59Z")),
                Named.of("availableUntil a number", exportReady.with("availableUntil", 1771608659)),
                Named.of(
                        "availableUntil not a date-time on another event type",
                        received.with("availableUntil", "next week")));
        Stream<Named<Sample>> badCodes = Stream.of(
                Named.of("code of five digits", verification.with("code", "48291")),
                Named.of("code of seven digits", verification.with("code", "4829130")),
                Named.of("code with a letter", verification.with("code", "48291a")),
                Named.of("code with a space", verification.with("code", "482 91")),
                Named.of("code with a trailing line break", verification.with("code", "482913\n")),
                Named.of("code in full-width digits", verification.with("code", "４８２９１３")),
                Named.of("code empty", verification.with("code", "")),
                Named.of("code a number", verification.with("code", 482913)),
                Named.of("codeExpiresAt not a date-time", verification.with("codeExpiresAt", "in 15 minutes")),
                Named.of("codeExpiresAt a date only", verification.with("codeExpiresAt", "2026-02-13")),
                Named.of("codeExpiresAt without offset", verification.with("codeExpiresAt", "2026-02-13T09:45:30")),
                Named.of("codeExpiresAt a number", verification.with("codeExpiresAt", 1771011930)),
                Named.of("code not six digits on another event type", received.with("code", "48291")),
                Named.of(
                        "codeExpiresAt not a date-time on another event type", received.with("codeExpiresAt", "soon")));
        Stream<Named<Sample>> retainedMissing = Stream.of("category", "basis", "until")
                .map(field -> Named.of("retention item without " + field, retained.without("retention.1." + field)));
        Stream<Named<Sample>> missing = Stream.of(
                        "eventId",
                        "type",
                        "requestId",
                        "requestType",
                        "status",
                        "occurredAt",
                        "recipient",
                        "recipient.locale")
                .map(field -> Named.of(field + " missing", received.without(field)));
        return Stream.of(
                        missing,
                        retainedMissing,
                        badCodes,
                        badAvailableUntil,
                        Stream.of(
                                Named.of("eventId not a UUID", received.with("eventId", "evt-1")),
                                Named.of("eventId a number", received.with("eventId", 42)),
                                Named.of(
                                        "requestId not a UUID",
                                        received.with("requestId", "6f1c2b0e8a7d4e219c3b5d4e3f2a1b0c")),
                                Named.of("unknown event type", received.with("type", "request.rejected")),
                                Named.of("unknown request type", received.with("requestType", "DELETE")),
                                Named.of("status a number", received.with("status", 3)),
                                Named.of("occurredAt not a date-time", received.with("occurredAt", "yesterday")),
                                Named.of("occurredAt a date only", received.with("occurredAt", "2026-02-13")),
                                Named.of(
                                        "occurredAt without offset",
                                        received.with("occurredAt", "2026-02-13T09:30:00")),
                                Named.of("dueAt not a date-time", received.with("dueAt", "soon")),
                                Named.of("dueDate not a date", received.with("dueDate", "15.03.2026")),
                                Named.of("dueDate a date-time", received.with("dueDate", "2026-03-15T00:00:00Z")),
                                Named.of("dueDate a day that does not exist", received.with("dueDate", "2026-02-30")),
                                Named.of("dueDate a number", received.with("dueDate", 20260315)),
                                Named.of("reason a number", received.with("reason", 7)),
                                Named.of(
                                        "reason longer than 2000 characters",
                                        received.with("reason", "x".repeat(2001))),
                                Named.of("email not an address", received.with("recipient.email", "not-an-address")),
                                Named.of("email a number", received.with("recipient.email", 7)),
                                Named.of("locale a number", received.with("recipient.locale", 1)),
                                Named.of("recipient a string", received.with("recipient", EMAIL)),
                                Named.of(
                                        "empty object",
                                        new Sample(JsonMapper.builder().build().createObjectNode())),
                                Named.of("systemId a number", received.with("systemId", 7)),
                                Named.of(
                                        "retention an object",
                                        received.with(
                                                "retention",
                                                RequestEvents.retained("invoices", "a law", "2030-01-01"))),
                                Named.of("retention a string", received.with("retention", "invoices")),
                                Named.of("retention item a string", received.with("retention", List.of("invoices"))),
                                Named.of(
                                        "retention item null",
                                        received.with(
                                                "retention",
                                                JsonNodeFactory.instance
                                                        .arrayNode()
                                                        .addNull())),
                                Named.of("retention category a number", retained.with("retention.0.category", 1)),
                                Named.of(
                                        "retention basis null",
                                        retained.with("retention.0.basis", JsonNodeFactory.instance.nullNode())),
                                Named.of(
                                        "retention until not a date",
                                        retained.with("retention.1.until", "in three years")),
                                Named.of(
                                        "retention until a date-time",
                                        retained.with("retention.1.until", "2029-06-30T00:00:00Z")),
                                Named.of(
                                        "retention until a day that does not exist",
                                        retained.with("retention.1.until", "2029-02-29")),
                                Named.of("withoutAccount a string", received.with("withoutAccount", "true")),
                                Named.of("withoutAccount a number", received.with("withoutAccount", 1)),
                                Named.of(
                                        "withoutAccount null",
                                        received.with("withoutAccount", JsonNodeFactory.instance.nullNode())),
                                Named.of("jurisdiction lower-case", received.with("jurisdiction", "de")),
                                Named.of("jurisdiction a name", received.with("jurisdiction", "Germany")),
                                Named.of("jurisdiction a number", received.with("jurisdiction", 49)),
                                Named.of("receiptPath a number", receipt.with("receiptPath", 7)),
                                Named.of(
                                        "receiptPath an absolute URL",
                                        receipt.with(
                                                "receiptPath",
                                                "https://evil.example"
                                                        + RequestEvents.receiptPath(receipt.requestId()))),
                                Named.of(
                                        "receiptPath another portal page",
                                        receipt.with("receiptPath", "/exports/" + receipt.requestId())),
                                Named.of(
                                        "receiptPath without its MAC",
                                        receipt.with("receiptPath", "/receipts/" + receipt.requestId())),
                                Named.of(
                                        "receiptPath with a short MAC",
                                        receipt.with("receiptPath", "/receipts/" + receipt.requestId() + ".abc")),
                                Named.of(
                                        "receiptPath going up",
                                        receipt.with("receiptPath", "/receipts/../exports/" + receipt.requestId())),
                                Named.of(
                                        "receiptPath with a trailing line break",
                                        receipt.with(
                                                "receiptPath", RequestEvents.receiptPath(receipt.requestId()) + "\n")),
                                Named.of(
                                        "receiptPath not a receipt path on another event type",
                                        received.with("receiptPath", "/elsewhere"))))
                .flatMap(Function.identity());
    }

    /** Invalid by the contract, accepted on purpose so that a person still hears about their request. */
    static Stream<Named<Sample>> lenient() {
        Sample received = RequestEvents.received(EMAIL);
        return Stream.of(
                Named.of("locale outside the enum (written to in English)", received.with("recipient.locale", "fr")),
                Named.of("locale in another case", received.with("recipient.locale", "zh-cn")),
                Named.of("a property the contract does not define (ignored)", received.with("priority", "high")),
                Named.of(
                        "a recipient property the contract does not define (ignored)",
                        received.with("recipient.name", "Ada")),
                Named.of(
                        "a retention property the contract does not define (ignored)",
                        RequestEvents.completedWithRetention(EMAIL).with("retention.0.systemId", "billing")));
    }

    /**
     * Valid by the contract (it makes code, codeExpiresAt and availableUntil optional for every type), refused on
     * purpose: a verification-code mail without its code, or without when it expires, is of no use, and an
     * export-ready mail is there to say until when the archive can be downloaded; so the event is parked.
     */
    static Stream<Named<Sample>> stricter() {
        Sample verification = RequestEvents.verificationCode(EMAIL);
        Sample exportReady = RequestEvents.exportReady(EMAIL);
        return Stream.of(
                Named.of("request.export-ready without availableUntil", exportReady.without("availableUntil")),
                Named.of(
                        "request.export-ready with availableUntil null",
                        exportReady.with("availableUntil", JsonNodeFactory.instance.nullNode())),
                Named.of("request.verification-code without code", verification.without("code")),
                Named.of(
                        "request.verification-code with code null",
                        verification.with("code", JsonNodeFactory.instance.nullNode())),
                Named.of("request.verification-code without codeExpiresAt", verification.without("codeExpiresAt")),
                Named.of(
                        "request.verification-code with codeExpiresAt null",
                        verification.with("codeExpiresAt", JsonNodeFactory.instance.nullNode())));
    }

    @Test
    void readsEveryField() {
        Sample sample = RequestEvents.received(EMAIL);

        RequestEvent event = reader.read(sample.bytes());

        assertThat(event.eventId()).hasToString(sample.eventId());
        assertThat(event.type()).isEqualTo(EventType.RECEIVED);
        assertThat(event.requestId()).hasToString(sample.requestId());
        assertThat(event.requestType()).isEqualTo(RequestType.DEREGISTER);
        assertThat(event.status()).isEqualTo("RECEIVED");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-02-13T09:30:00Z"));
        assertThat(event.dueAt()).isEqualTo(OffsetDateTime.parse("2026-03-15T23:59:59+01:00"));
        assertThat(event.dueDate()).isNull();
        assertThat(event.reason()).isNull();
        assertThat(event.systemId()).isNull();
        assertThat(event.verification()).isNull();
        assertThat(event.secrets()).isEmpty();
        assertThat(event.availableUntil()).isNull();
        assertThat(event.retention()).isEmpty();
        assertThat(event.recipient()).isEqualTo(new RequestEvent.Recipient(EMAIL, "en"));
    }

    @Test
    void readsTheVerificationCodeAndWhenItExpires() {
        RequestEvent event = reader.read(RequestEvents.verificationCode(EMAIL).bytes());

        assertThat(event.type()).isEqualTo(EventType.VERIFICATION_CODE);
        assertThat(event.type().isForPerson()).isTrue();
        assertThat(event.verification())
                .isEqualTo(
                        new RequestEvent.VerificationCode("482913", OffsetDateTime.parse("2026-02-13T17:45:30+08:00")));
        assertThat(event.secrets()).containsExactly("482913");
    }

    @Test
    void aCodeOnAnotherEventTypeIsCheckedButNotKept() {
        RequestEvent event = reader.read(RequestEvents.received(EMAIL)
                .with("code", "123456")
                .with("codeExpiresAt", "2026-02-13T09:45:30Z")
                .bytes());

        assertThat(event.verification()).isNull();
        assertThat(event.secrets()).isEmpty();
    }

    @Test
    void theCodeIsLeftOutOfTheEventsTextForm() {
        RequestEvent event = reader.read(RequestEvents.verificationCode(EMAIL).bytes());

        assertThat(event.toString()).doesNotContain("482913").contains("expiresAt=2026-02-13T17:45:30+08:00");
        assertThat(event.verification())
                .hasToString("VerificationCode[code=(not shown), expiresAt=2026-02-13T17:45:30+08:00]");
    }

    @Test
    void rejectionsOfACodeNameTheFieldAndTheRule() {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(RequestEvents.verificationCode(EMAIL)
                        .with("code", "48291")
                        .bytes()))
                .withMessage("code is not six digits");
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(
                        RequestEvents.verificationCode(EMAIL).without("code").bytes()))
                .withMessage("code is required with request.verification-code");
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(RequestEvents.verificationCode(EMAIL)
                        .without("codeExpiresAt")
                        .bytes()))
                .withMessage("codeExpiresAt is required with request.verification-code");
    }

    @Test
    void readsUntilWhenAnExportCanBeDownloaded() {
        RequestEvent event = reader.read(RequestEvents.exportReady(EMAIL).bytes());

        assertThat(event.type()).isEqualTo(EventType.EXPORT_READY);
        assertThat(event.type().isForPerson()).isTrue();
        assertThat(event.type().template()).isEqualTo("request-export-ready");
        assertThat(event.availableUntil()).isEqualTo(OffsetDateTime.parse("2026-02-21T01:30:59+08:00"));
        assertThat(event.verification()).isNull();
        assertThat(event.secrets()).isEmpty();
    }

    @Test
    void availableUntilOnAnotherEventTypeIsCheckedButNotKept() {
        RequestEvent event = reader.read(RequestEvents.completed(EMAIL)
                .with("availableUntil", "2026-02-20T17:30:59Z")
                .bytes());

        assertThat(event.type()).isEqualTo(EventType.COMPLETED);
        assertThat(event.availableUntil()).isNull();
    }

    @Test
    void rejectionsOfAvailableUntilNameTheFieldAndTheRule() {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(RequestEvents.exportReady(EMAIL)
                        .without("availableUntil")
                        .bytes()))
                .withMessage("availableUntil is required with request.export-ready");
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(RequestEvents.completed(EMAIL)
                        .with("availableUntil", "soon")
                        .bytes()))
                .withMessage("availableUntil is not an RFC 3339 date-time");
    }

    @Test
    void readsTheReceiptPathOfACompletedDeregistrationOrWithdrawal() {
        Sample sample = RequestEvents.completedWithReceipt(EMAIL);

        assertThat(reader.read(sample.bytes()).receiptPath()).isEqualTo(RequestEvents.receiptPath(sample.requestId()));
        assertThat(reader.read(sample.with("requestType", "WITHDRAW_CONSENT").bytes())
                        .receiptPath())
                .isEqualTo(RequestEvents.receiptPath(sample.requestId()));
        assertThat(reader.read(RequestEvents.completed(EMAIL).bytes()).receiptPath())
                .isNull();
    }

    @Test
    void aReceiptPathElsewhereIsCheckedButNotKept() {
        Sample completed = RequestEvents.completedWithReceipt(EMAIL);

        assertThat(reader.read(completed.with("requestType", "ACCESS").bytes()).receiptPath())
                .isNull();
        assertThat(reader.read(completed.with("type", "request.received").bytes())
                        .receiptPath())
                .isNull();
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(
                        completed.with("receiptPath", "https://evil.example/x").bytes()))
                .withMessage("receiptPath is not a receipt path (/receipts/<token>)");
    }

    @Test
    void readsWhetherTheRequestHasAnAccount() {
        assertThat(reader.read(RequestEvents.received(EMAIL).bytes()).withoutAccount())
                .isFalse();
        assertThat(reader.read(RequestEvents.received(EMAIL)
                                .with("withoutAccount", false)
                                .bytes())
                        .withoutAccount())
                .isFalse();
        assertThat(reader.read(RequestEvents.verificationCode(EMAIL)
                                .with("withoutAccount", true)
                                .bytes())
                        .withoutAccount())
                .isTrue();
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(RequestEvents.received(EMAIL)
                        .with("withoutAccount", "yes")
                        .bytes()))
                .withMessage("withoutAccount is not a boolean");
    }

    @Test
    void readsTheRetainedDataInOrder() {
        RequestEvent event =
                reader.read(RequestEvents.completedWithRetention(EMAIL).bytes());

        assertThat(event.type()).isEqualTo(EventType.COMPLETED);
        assertThat(event.retention())
                .containsExactly(
                        new Retention("发票", "《会计档案管理办法》第十四条", LocalDate.of(2055, 12, 31)),
                        new Retention("订单记录", "《电子商务法》第三十一条", LocalDate.of(2029, 6, 30)));
        assertThat(reader.read(RequestEvents.completed(EMAIL)
                                .with("retention", JsonNodeFactory.instance.nullNode())
                                .bytes())
                        .retention())
                .isEmpty();
    }

    @Test
    void readsTheSystemAnEventIsAbout() {
        RequestEvent event = reader.read(RequestEvents.taskOverdue(EMAIL).bytes());

        assertThat(event.type()).isEqualTo(EventType.TASK_OVERDUE);
        assertThat(event.type().isForPerson()).isFalse();
        assertThat(event.systemId()).isEqualTo("orders");
    }

    @Test
    void aRejectedRetentionItemIsNamedByItsPosition() {
        Sample sample = RequestEvents.completedWithRetention(EMAIL).with("retention.1.until", "soon");

        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(sample.bytes()))
                .withMessage("retention[1].until is not an RFC 3339 full-date");
    }

    @Test
    void readsTheDueDateAndTheReasonAndPrefersTheDueDate() {
        RequestEvent event = reader.read(RequestEvents.extended(EMAIL).bytes());

        assertThat(event.type()).isEqualTo(EventType.EXTENDED);
        assertThat(event.dueDate()).isEqualTo(LocalDate.of(2026, 4, 15));
        assertThat(event.reason()).isEqualTo("您的数据分布在多个系统中，需要更多时间汇总。");
        assertThat(event.dueDay()).isEqualTo(LocalDate.of(2026, 4, 15));
        assertThat(reader.read(RequestEvents.received(EMAIL).bytes()).dueDay()).isEqualTo(LocalDate.of(2026, 3, 15));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsWhatTheContractAccepts(Sample sample) {
        ContractSchema.assertValid(sample.json());
        assertThatNoException().isThrownBy(() -> reader.read(sample.bytes()));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWhatTheContractRejects(Sample sample) {
        assertThat(ContractSchema.violations(sample.json())).isNotEmpty();
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> reader.read(sample.bytes()));
    }

    @ParameterizedTest
    @MethodSource("stricter")
    void rejectsAnEventWithoutWhatItsMailIsForAlthoughTheContractAllowsIt(Sample sample) {
        ContractSchema.assertValid(sample.json());
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> reader.read(sample.bytes()));
    }

    @ParameterizedTest
    @MethodSource("lenient")
    void acceptsOtherLocalesAndPropertiesAlthoughTheContractDoesNot(Sample sample) {
        assertThat(ContractSchema.violations(sample.json())).isNotEmpty();
        RequestEvent event = reader.read(sample.bytes());
        assertThat(event.recipient().locale())
                .isEqualTo(sample.json().at("/recipient/locale").stringValue());
        assertThat(event.eventId()).hasToString(sample.eventId());
    }

    @Test
    void understandsEveryEventTypeAndRequestTypeTheContractNames() {
        for (JsonNode type : ContractSchema.requestEvent().at("/properties/type/enum")) {
            Sample sample = RequestEvents.ofType(type.stringValue(), EMAIL);
            ContractSchema.assertValid(sample.json());
            assertThatNoException().as(type.stringValue()).isThrownBy(() -> reader.read(sample.bytes()));
        }
        for (JsonNode requestType : ContractSchema.requestEvent().at("/properties/requestType/enum")) {
            assertThatNoException()
                    .as(requestType.stringValue())
                    .isThrownBy(() -> reader.read(RequestEvents.received(EMAIL)
                            .with("requestType", requestType)
                            .bytes()));
        }
    }

    @Test
    void knowsNoEventTypeTheContractDoesNotName() {
        List<String> named = ContractSchema.requestEvent()
                .at("/properties/type/enum")
                .valueStream()
                .map(JsonNode::stringValue)
                .toList();
        assertThat(EventType.values()).extracting(EventType::wireName).containsExactlyInAnyOrderElementsOf(named);
    }

    @Test
    void mailsThePersonOnlyAboutTheEventsTheContractSaysAreForThePerson() {
        assertThat(EventType.values())
                .filteredOn(type -> !type.isForPerson())
                .extracting(EventType::wireName)
                .containsExactlyInAnyOrder(
                        "request.review-required",
                        "request.needs-attention",
                        "request.due-soon",
                        "request.overdue",
                        "request.task-overdue");
    }

    @Test
    void readsOnlyPropertiesTheContractDefines() {
        JsonNode schema = ContractSchema.requestEvent();
        assertThat(schema.at("/properties").propertyNames()).containsAll(RequestEventReader.EVENT_FIELDS);
        assertThat(schema.at("/properties/recipient/properties").propertyNames())
                .containsAll(RequestEventReader.RECIPIENT_FIELDS);
        assertThat(schema.at("/properties/retention/items/properties").propertyNames())
                .containsAll(RequestEventReader.RETENTION_FIELDS);
    }

    @ParameterizedTest
    @MethodSource("rejectionsThatAreNotJsonObjects")
    void rejectsBodiesThatAreNotJsonObjects(String body) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(body.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> rejectionsThatAreNotJsonObjects() {
        return List.of("", "{\"eventId\":", "[]", "\"request.received\"", "null", "not json at all");
    }

    @ParameterizedTest
    @MethodSource({"invalid", "stricter"})
    void rejectionsNameTheFieldButNeverEchoTheValue(Sample sample) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> reader.read(sample.bytes()))
                .satisfies(ex -> assertThat(ex.getMessage())
                        .doesNotContain(
                                EMAIL,
                                "not-an-address",
                                "Ada",
                                "evt-1",
                                "482913",
                                "48291",
                                "4829130",
                                "in 15 minutes",
                                "1771011930"));
    }
}
