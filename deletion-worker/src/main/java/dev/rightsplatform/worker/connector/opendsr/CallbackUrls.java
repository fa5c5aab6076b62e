package dev.rightsplatform.worker.connector.opendsr;

import java.net.URI;
import java.util.UUID;

/**
 * Where a processor reports on one request: {@code {callback-base-url}/callbacks/opendsr/{systemId}/{taskId}}. Each
 * request gets its own URL, so the path names the task a report is for, and a signed report settles a task only
 * when its subject_request_id (and its status_callback_url, when it carries one) name that same task.
 *
 * @param prefix everything before the task id, ending in a slash
 */
record CallbackUrls(String prefix) {

    static CallbackUrls of(URI callbackBase, String systemId) {
        return new CallbackUrls(callbackBase.toString().replaceAll("/+$", "") + "/callbacks/opendsr/" + systemId + "/");
    }

    /** The URL given to the processor for this task (the task id in its canonical lowercase form). */
    String forTask(UUID taskId) {
        return this.prefix + taskId;
    }
}
