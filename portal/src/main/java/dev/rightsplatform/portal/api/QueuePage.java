package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of the agents' queue; {@code next} is the cursor of the following page, null on the last. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueuePage(List<Request> items, @Nullable String next) {}
