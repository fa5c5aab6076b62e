package dev.rightsplatform.worker.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an {@link InvalidSettingException} into Spring Boot's short start-up failure report. It runs before Boot's
 * own analyzers because a wrong setting often surfaces wrapped in a binding or bean-creation failure.
 */
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis(
                "deletion-worker refuses to start: " + cause.getMessage(),
                "Fix setting '" + cause.setting() + "' (environment variable " + cause.environmentVariable()
                        + ") and start again.",
                cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
