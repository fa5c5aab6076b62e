package dev.rightsplatform.notification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object Mother for RequestEvent messages as JSON, the way a publisher would send them. Start from a valid event,
 * then bend it with {@link Sample#with} and {@link Sample#without} to make the variant a test needs.
 */
public final class RequestEvents {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestEvents() {}

    /** A valid request.received event for an English-speaking person, due on 2026-03-15. */
    public static Sample received(String email) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "request.received");
        event.put("requestId", UUID.randomUUID().toString());
        event.put("requestType", "DEREGISTER");
        event.put("status", "RECEIVED");
        event.put("occurredAt", "2026-02-13T09:30:00Z");
        event.put("dueAt", "2026-03-15T23:59:59+01:00");
        ObjectNode recipient = event.putObject("recipient");
        recipient.put("email", email);
        recipient.put("locale", "en");
        return new Sample(event);
    }

    /**
     * A valid request.verification-code event for an English-speaking person who asked, without a login, for their
     * account to be closed: the code 482913, which stops working at 09:45:30 UTC on 13 February 2026 (given here in
     * Shanghai's offset, as a publisher may).
     */
    public static Sample verificationCode(String email) {
        return received(email)
                .with("type", "request.verification-code")
                .with("status", "AWAITING_VERIFICATION")
                .with("code", "482913")
                .with("codeExpiresAt", "2026-02-13T17:45:30+08:00");
    }

    /**
     * A valid request.export-ready event for an English-speaking person: the archive of their export can be
     * downloaded until 01:30:59 on 21 February 2026 in Shanghai's offset, which is 17:30:59 on 20 February in UTC.
     */
    public static Sample exportReady(String email) {
        return received(email)
                .with("type", "request.export-ready")
                .with("requestType", "EXPORT")
                .with("status", "COMPLETED")
                .with("availableUntil", "2026-02-21T01:30:59+08:00");
    }

    /**
     * A valid event of any type the contract names, with what that type needs (a code, for a verification code; until
     * when the archive can be downloaded, for export-ready).
     */
    public static Sample ofType(String type, String email) {
        return switch (type) {
            case "request.verification-code" -> verificationCode(email);
            case "request.export-ready" -> exportReady(email);
            default -> received(email).with("type", type);
        };
    }

    /** A valid request.completed event for a person who reads Simplified Chinese. */
    public static Sample completed(String email) {
        return received(email)
                .with("type", "request.completed")
                .with("requestType", "EXPORT")
                .with("status", "COMPLETED")
                .with("recipient.locale", "zh-CN");
    }

    /**
     * A valid request.completed deregistration for a person who reads Simplified Chinese, after which two systems
     * keep data under a legal hold: invoices until 2055-12-31 and order records until 2029-06-30.
     */
    public static Sample completedWithRetention(String email) {
        return completed(email)
                .with("requestType", "DEREGISTER")
                .with(
                        "retention",
                        List.of(
                                retained("发票", "《会计档案管理办法》第十四条", "2055-12-31"),
                                retained("订单记录", "《电子商务法》第三十一条", "2029-06-30")));
    }

    /**
     * A valid request.completed deregistration for an English-speaking person, with the portal path of its signed
     * receipt, as rights-service makes it: {@code /receipts/<requestId>.<43 base64url characters>}.
     */
    public static Sample completedWithReceipt(String email) {
        Sample completed = completed(email).with("requestType", "DEREGISTER").with("recipient.locale", "en");
        return completed.with("receiptPath", receiptPath(completed.requestId()));
    }

    /** The receipt path of a request, shaped as rights-service makes it (its MAC made up). */
    public static String receiptPath(String requestId) {
        return "/receipts/" + requestId + ".kR3c31pt-L1nk_MAC0123456789abcdefghijklmnop";
    }

    /** One item of a RequestEvent's retention list. */
    public static Map<String, String> retained(String category, String basis, String until) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put("category", category);
        item.put("basis", basis);
        item.put("until", until);
        return item;
    }

    /** A valid request.task-overdue event: the system "orders" did not answer by its own due time. For agents. */
    public static Sample taskOverdue(String email) {
        return forAgents("request.task-overdue", email).with("systemId", "orders");
    }

    /** A valid request.refused event for an English-speaking person, with the agent's reason. */
    public static Sample refused(String email) {
        return received(email)
                .with("type", "request.refused")
                .with("requestType", "ACCESS")
                .with("status", "REFUSED")
                .with("reason", "We could not confirm that the account is yours.");
    }

    /**
     * A valid request.extended event for a person who reads Simplified Chinese. The new due date is 2026-04-15 in
     * Shanghai, whose end falls on 2026-04-14 in UTC: the instant alone would name the wrong day.
     */
    public static Sample extended(String email) {
        return received(email)
                .with("type", "request.extended")
                .with("requestType", "EXPORT")
                .with("status", "IN_PROGRESS")
                .with("dueAt", "2026-04-14T15:59:59Z")
                .with("dueDate", "2026-04-15")
                .with("reason", "您的数据分布在多个系统中，需要更多时间汇总。")
                .with("recipient.locale", "zh-CN");
    }

    /** A valid event of the given type that is for agents (request.due-soon and the like), not for the person. */
    public static Sample forAgents(String type, String email) {
        return received(email).with("type", type).with("status", "IN_PROGRESS").with("dueDate", "2026-03-15");
    }

    /** One event as JSON; each change returns a changed copy. */
    public record Sample(ObjectNode json) {

        public Sample with(String path, Object value) {
            ObjectNode copy = json.deepCopy();
            String field = fieldOf(path);
            ObjectNode parent = (ObjectNode) copy.at(pointerToParent(path));
            parent.set(field, value instanceof JsonNode node ? node : JSON.valueToTree(value));
            return new Sample(copy);
        }

        public Sample without(String path) {
            ObjectNode copy = json.deepCopy();
            ((ObjectNode) copy.at(pointerToParent(path))).remove(fieldOf(path));
            return new Sample(copy);
        }

        public String eventId() {
            return json.get("eventId").stringValue();
        }

        public String requestId() {
            return json.get("requestId").stringValue();
        }

        public String type() {
            return json.get("type").stringValue();
        }

        public byte[] bytes() {
            return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        }

        private static String fieldOf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        private static String pointerToParent(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? "" : "/" + path.substring(0, dot).replace('.', '/');
        }
    }
}
