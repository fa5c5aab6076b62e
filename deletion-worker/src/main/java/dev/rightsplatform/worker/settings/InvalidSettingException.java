package dev.rightsplatform.worker.settings;

import java.util.Locale;

/** Thrown at start-up when a setting is missing or wrong; it names the setting so the operator knows what to fix. */
public class InvalidSettingException extends IllegalStateException {

    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        super("Setting '" + setting + "' " + problem);
        this.setting = setting;
    }

    public String setting() {
        return this.setting;
    }

    /** The environment variable that sets it through Spring Boot's relaxed binding, e.g. WORKER_SYSTEMS_CRM_URL. */
    public String environmentVariable() {
        return this.setting.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }
}
