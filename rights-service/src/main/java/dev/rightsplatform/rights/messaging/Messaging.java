package dev.rightsplatform.rights.messaging;

/** Names of the exchanges, queues and routing keys rights-service uses; infra/asyncapi.yaml describes them. */
public final class Messaging {

    public static final String TASKS_EXCHANGE = "rights.tasks";
    public static final String TASK_RESULTS_EXCHANGE = "rights.task-results";
    public static final String EVENTS_EXCHANGE = "rights.events";

    public static final String TASK_RESULTS_QUEUE = "rights-service.task-results";
    public static final String TASK_RESULTS_PARKED_QUEUE = "rights-service.task-results.parked";

    private Messaging() {}

    public static String taskRoutingKey(String action, String systemId) {
        return "task." + action.toLowerCase(java.util.Locale.ROOT) + "." + systemId;
    }

    public static String eventRoutingKey(String eventType) {
        return eventType;
    }
}
