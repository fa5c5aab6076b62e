package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A person's account as the agent API shows it: the account id the other agent calls take, and the username. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Subject(String id, String username) {}
