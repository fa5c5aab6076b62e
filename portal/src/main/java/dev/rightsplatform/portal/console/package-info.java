/**
 * The agent console: the queue by due date, one request's page with its timeline and each system's part, and the
 * actions agents take (approve, refuse, extend, cancel, retry a task, confirm a manual system's part, notes). Same
 * sign-in and session as the portal; rights-service decides who may act (a person's token gets its 403).
 */
@NullMarked
package dev.rightsplatform.portal.console;

import org.jspecify.annotations.NullMarked;
