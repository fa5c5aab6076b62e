package dev.rightsplatform.notification.mail;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** RequestEvents as the reader hands them over, for rendering tests; all for the same request. */
final class MailEvents {

    static final UUID REQUEST = UUID.fromString("6f1c2b0e-8a7d-4e21-9c3b-5d4e3f2a1b0c");

    /** The code of every verification-code event here: 048213, which stops working at 09:45:30 UTC. */
    static final RequestEvent.VerificationCode CODE =
            new RequestEvent.VerificationCode("048213", OffsetDateTime.parse("2026-02-13T17:45:30+08:00"));

    /**
     * Until when the archive of every export-ready event here can be downloaded: 01:30:59 on 21 February 2026 in
     * Shanghai, still 20 February in UTC (17:30).
     */
    static final OffsetDateTime AVAILABLE_UNTIL = OffsetDateTime.parse("2026-02-21T01:30:59+08:00");

    /** The privacy portal every mail here links to. */
    static final String PORTAL = "https://privacy.example.com";

    /** The link to the request's page that every mail here carries (a request of someone with an account). */
    static final String REQUEST_LINK = PORTAL + "/requests/" + REQUEST;

    /** The receipt path of every completed event here that has one, as rights-service makes them. */
    static final String RECEIPT_PATH = "/receipts/" + REQUEST + ".q2V0LXJlY2VpcHQtbGluay1tYWMtMDEyMzQ1Njc4OWF";

    private MailEvents() {}

    /** The templates, with the portal at {@link #PORTAL}. */
    static MailTemplates templates() {
        return new MailTemplates(new PortalSettings(PORTAL + "/"));
    }

    static RequestEvent event(EventType type, RequestType requestType, @Nullable OffsetDateTime dueAt) {
        return event(type, requestType, dueAt, null, null);
    }

    static RequestEvent event(
            EventType type,
            RequestType requestType,
            @Nullable OffsetDateTime dueAt,
            @Nullable LocalDate dueDate,
            @Nullable String reason) {
        return new RequestEvent(
                UUID.randomUUID(),
                type,
                REQUEST,
                requestType,
                "ANY",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                dueAt,
                dueDate,
                reason,
                null,
                type == EventType.VERIFICATION_CODE ? CODE : null,
                type == EventType.EXPORT_READY ? AVAILABLE_UNTIL : null,
                List.of(),
                false,
                null,
                new RequestEvent.Recipient("a@example.org", "en"));
    }

    /** A request.verification-code event with the given code. */
    static RequestEvent verificationCode(RequestType requestType, RequestEvent.VerificationCode code) {
        return new RequestEvent(
                UUID.randomUUID(),
                EventType.VERIFICATION_CODE,
                REQUEST,
                requestType,
                "AWAITING_VERIFICATION",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                null,
                null,
                null,
                null,
                code,
                null,
                List.of(),
                false,
                null,
                new RequestEvent.Recipient("a@example.org", "en"));
    }

    /** A completed deregistration after which systems keep the given data under a legal hold. */
    static RequestEvent completed(RequestEvent.Retention... retention) {
        return new RequestEvent(
                UUID.randomUUID(),
                EventType.COMPLETED,
                REQUEST,
                RequestType.DEREGISTER,
                "COMPLETED",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(retention),
                false,
                null,
                new RequestEvent.Recipient("a@example.org", "en"));
    }

    /** A completed request of this type whose event carries its receipt's path (a deregistration or withdrawal). */
    static RequestEvent completedWithReceipt(RequestType requestType) {
        return new RequestEvent(
                UUID.randomUUID(),
                EventType.COMPLETED,
                REQUEST,
                requestType,
                "COMPLETED",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                false,
                RECEIPT_PATH,
                new RequestEvent.Recipient("a@example.org", "en"));
    }

    /** An event of a request made without an account (by e-mail address, not linked to an account yet). */
    static RequestEvent withoutAccount(EventType type, RequestType requestType) {
        return new RequestEvent(
                UUID.randomUUID(),
                type,
                REQUEST,
                requestType,
                "ANY",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                null,
                null,
                null,
                null,
                type == EventType.VERIFICATION_CODE ? CODE : null,
                type == EventType.EXPORT_READY ? AVAILABLE_UNTIL : null,
                List.of(),
                true,
                null,
                new RequestEvent.Recipient("a@example.org", "en"));
    }

    /** A request.export-ready event whose archive can be downloaded until the given moment. */
    static RequestEvent exportReady(OffsetDateTime availableUntil) {
        return new RequestEvent(
                UUID.randomUUID(),
                EventType.EXPORT_READY,
                REQUEST,
                RequestType.EXPORT,
                "COMPLETED",
                OffsetDateTime.parse("2026-02-13T09:30:00Z"),
                null,
                null,
                null,
                null,
                null,
                availableUntil,
                List.of(),
                false,
                null,
                new RequestEvent.Recipient("a@example.org", "en"));
    }
}
