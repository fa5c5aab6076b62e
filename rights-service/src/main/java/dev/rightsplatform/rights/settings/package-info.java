/**
 * Start-up checks of the service's settings as a whole: a setting that must not be used stops the start with its name.
 */
@NullMarked
package dev.rightsplatform.rights.settings;

import org.jspecify.annotations.NullMarked;
