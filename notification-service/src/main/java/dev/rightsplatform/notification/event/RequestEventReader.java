package dev.rightsplatform.notification.event;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a RequestEvent from a message body, accepting what infra/asyncapi.yaml's RequestEvent schema accepts and
 * nothing else, with two deliberate leniencies, both so that a person still hears about their request:
 * properties the contract does not (yet) define are ignored, so a publisher adding a field cannot silence every
 * notification; and any locale string is accepted, those we have no templates for being written to in English.
 * It is stricter than the schema in two respects, where the schema makes every field beyond the core optional: a
 * request.verification-code event must carry its {@code code} and {@code codeExpiresAt}, since the mail is its code;
 * and a request.export-ready event its {@code availableUntil}, since the mail is there to say until when the person
 * can download their archive (the completed mail of the export already tells them to download it, so parking the
 * event does not leave them uninformed, and the publisher's mistake shows in the parked queue).
 * Hand-written rather than bound by Jackson so that a number is not silently taken for a string, and so that
 * every rejection names the field without echoing its value.
 */
@Component
public class RequestEventReader {

    // The properties read; RequestEventContractUnitTests checks that the contract defines each of them.
    static final Set<String> EVENT_FIELDS = Set.of(
            "eventId",
            "type",
            "requestId",
            "requestType",
            "status",
            "occurredAt",
            "dueAt",
            "dueDate",
            "reason",
            "systemId",
            "code",
            "codeExpiresAt",
            "availableUntil",
            "retention",
            "withoutAccount",
            "receiptPath",
            "recipient",
            "jurisdiction");

    static final Set<String> RECIPIENT_FIELDS = Set.of("email", "locale");

    static final Set<String> RETENTION_FIELDS = Set.of("category", "basis", "until");

    private static final Pattern UUID_FORMAT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    // RFC 3339 date-time, which (unlike Java's ISO parser) insists on seconds and an offset.
    private static final Pattern DATE_TIME_FORMAT =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");

    // RFC 3339 full-date; LocalDate's own parser (strict) then refuses days that do not exist, such as 2026-02-30.
    private static final Pattern DATE_FORMAT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    // The contract's pattern for code, ^[0-9]{6}$: six ASCII digits and nothing else (matches() anchors both ends).
    private static final Pattern CODE_FORMAT = Pattern.compile("[0-9]{6}");

    // The contract's pattern for receiptPath: the portal's receipt page, /receipts/<requestId>.<43 base64url chars>.
    private static final Pattern RECEIPT_PATH_FORMAT = Pattern.compile(
            "^/receipts/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}" + "-[0-9a-f]{4}-[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}$");

    // The contract's pattern for jurisdiction: an ISO 3166 code, with a subdivision where it matters (GB-SCT, US-CA).
    private static final Pattern JURISDICTION_FORMAT = Pattern.compile("^[A-Z]{2}(-[A-Z0-9]{1,3})?$");

    // The contract's maxLength for reason. JSON Schema counts characters (code points), not UTF-16 units.
    private static final int REASON_MAX_LENGTH = 2000;

    private final JsonMapper json = JsonMapper.builder().build();

    public RequestEvent read(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException ex) {
            throw new InvalidEventException("body is not JSON");
        }
        Fields event = Fields.of(root, "event");
        Fields recipient = Fields.of(event.required("recipient"), "recipient");
        UUID eventId = event.string("eventId", RequestEventReader::uuid);
        EventType type = event.string("type", RequestEventReader::eventType);
        RequestType requestType = event.string("requestType", RequestEventReader::requestType);
        return new RequestEvent(
                eventId,
                type,
                event.string("requestId", RequestEventReader::uuid),
                requestType,
                event.string("status", Function.identity()),
                event.string("occurredAt", RequestEventReader::dateTime),
                event.optionalString("dueAt", RequestEventReader::dateTime),
                event.optionalString("dueDate", RequestEventReader::date),
                event.optionalString("reason", RequestEventReader::reason),
                event.optionalString("systemId", Function.identity()),
                verification(event, type),
                availableUntil(event, type),
                retention(event),
                event.optionalBoolean("withoutAccount"),
                receiptPath(event, type, requestType),
                new RequestEvent.Recipient(
                        recipient.optionalString("email", RequestEventReader::email),
                        recipient.string("locale", Function.identity())),
                event.optionalString("jurisdiction", RequestEventReader::jurisdiction));
    }

    /** The legal holds: absent, null and an empty list all mean none. Every item must be complete. */
    private static List<RequestEvent.Retention> retention(Fields event) {
        List<JsonNode> items = event.optionalArray("retention");
        List<RequestEvent.Retention> retention = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Fields item = Fields.of(items.get(i), "retention[" + i + "]");
            retention.add(new RequestEvent.Retention(
                    item.string("category", Function.identity()),
                    item.string("basis", Function.identity()),
                    item.string("until", RequestEventReader::date)));
        }
        return retention;
    }

    /**
     * The one-time code and its expiry: checked on every event, as the contract checks them, but kept only for
     * request.verification-code, which must have both. Elsewhere nothing uses them, so they are dropped at once.
     */
    private static RequestEvent.@Nullable VerificationCode verification(Fields event, EventType type) {
        String code = event.optionalString("code", RequestEventReader::code);
        OffsetDateTime expiresAt = event.optionalString("codeExpiresAt", RequestEventReader::dateTime);
        if (type != EventType.VERIFICATION_CODE) {
            return null;
        }
        if (code == null) {
            throw invalid("code", "is required with " + type.wireName());
        }
        if (expiresAt == null) {
            throw invalid("codeExpiresAt", "is required with " + type.wireName());
        }
        return new RequestEvent.VerificationCode(code, expiresAt);
    }

    /**
     * Until when an export's archive can be downloaded: checked on every event, as the contract checks it, kept only
     * for request.export-ready, which must have it (like the code, nothing else uses it, so it is dropped elsewhere).
     */
    private static @Nullable OffsetDateTime availableUntil(Fields event, EventType type) {
        OffsetDateTime availableUntil = event.optionalString("availableUntil", RequestEventReader::dateTime);
        if (type != EventType.EXPORT_READY) {
            return null;
        }
        if (availableUntil == null) {
            throw invalid("availableUntil", "is required with " + type.wireName());
        }
        return availableUntil;
    }

    /**
     * The portal path of the signed receipt: checked on every event, as the contract checks it, kept only for the
     * completion of a request type that has a receipt (its mail links to it); dropped elsewhere, where no mail uses it.
     */
    private static @Nullable String receiptPath(Fields event, EventType type, RequestType requestType) {
        String receiptPath = event.optionalString("receiptPath", RequestEventReader::receiptPath);
        return type == EventType.COMPLETED && requestType.hasReceipt() ? receiptPath : null;
    }

    private static String receiptPath(String value) {
        if (!RECEIPT_PATH_FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("is not a receipt path (/receipts/<token>)");
        }
        return value;
    }

    private static String code(String value) {
        if (!CODE_FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("is not six digits");
        }
        return value;
    }

    private static EventType eventType(String value) {
        return EventType.fromWireName(value)
                .orElseThrow(() -> new IllegalArgumentException("is not an event type this service knows"));
    }

    private static String jurisdiction(String value) {
        if (!JURISDICTION_FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("is not an ISO 3166 code");
        }
        return value;
    }

    private static UUID uuid(String value) {
        if (!UUID_FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("is not a UUID");
        }
        return UUID.fromString(value);
    }

    private static RequestType requestType(String value) {
        try {
            return RequestType.valueOf(value);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("is not a known request type");
        }
    }

    private static OffsetDateTime dateTime(String value) {
        try {
            if (DATE_TIME_FORMAT.matcher(value).matches()) {
                return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException ex) {
            // falls through to the rejection below: the shape was right but the date does not exist
        }
        throw new IllegalArgumentException("is not an RFC 3339 date-time");
    }

    private static LocalDate date(String value) {
        try {
            if (DATE_FORMAT.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException ex) {
            // falls through to the rejection below: the shape was right but the date does not exist
        }
        throw new IllegalArgumentException("is not an RFC 3339 full-date");
    }

    private static String reason(String value) {
        if (value.codePointCount(0, value.length()) > REASON_MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + REASON_MAX_LENGTH + " characters");
        }
        return value;
    }

    private static String email(String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            if (address.getPersonal() == null && value.equals(address.getAddress()) && value.indexOf('@') > 0) {
                return value;
            }
        } catch (AddressException ex) {
            // falls through to the rejection below
        }
        throw new IllegalArgumentException("is not an e-mail address");
    }

    private static InvalidEventException invalid(String field, String rule) {
        return new InvalidEventException(field + " " + rule);
    }

    /** The properties of one JSON object. */
    private record Fields(JsonNode node, String path) {

        static Fields of(JsonNode node, String path) {
            if (!node.isObject()) {
                throw new InvalidEventException(path + " is not a JSON object");
            }
            return new Fields(node, path);
        }

        JsonNode required(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                throw invalid(qualified(name), "is missing");
            }
            return value;
        }

        <T> T string(String name, Function<String, T> convert) {
            JsonNode value = required(name);
            if (!value.isString()) {
                throw invalid(qualified(name), "is not a string");
            }
            return convert(name, value.stringValue(), convert);
        }

        <T> @Nullable T optionalString(String name, Function<String, T> convert) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            return string(name, convert);
        }

        /** An optional boolean; false when it is absent (the contract allows no null). */
        boolean optionalBoolean(String name) {
            JsonNode value = node.get(name);
            if (value == null) {
                return false;
            }
            if (!value.isBoolean()) {
                throw invalid(qualified(name), "is not a boolean");
            }
            return value.booleanValue();
        }

        /** The elements of an optional array; empty when it is absent or null. */
        List<JsonNode> optionalArray(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw invalid(qualified(name), "is not an array");
            }
            return value.valueStream().toList();
        }

        private <T> T convert(String name, String value, Function<String, T> convert) {
            try {
                return convert.apply(value);
            } catch (IllegalArgumentException ex) {
                throw invalid(qualified(name), ex.getMessage());
            }
        }

        private String qualified(String name) {
            return path.equals("event") ? name : path + "." + name;
        }
    }
}
