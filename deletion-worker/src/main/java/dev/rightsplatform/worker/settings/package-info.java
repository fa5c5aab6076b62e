/**
 * Start-up checks of the worker's settings: a wrong or missing setting stops the start with its name.
 */
@NullMarked
package dev.rightsplatform.worker.settings;

import org.jspecify.annotations.NullMarked;
