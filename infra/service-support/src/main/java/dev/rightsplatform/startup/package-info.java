/** Start-up checks shared by every service: refusing the committed development secrets outside the dev profile. */
@NullMarked
package dev.rightsplatform.startup;

import org.jspecify.annotations.NullMarked;
