/**
 * The deletion worker: carries out rights tasks in every downstream system and reports each result.
 */
@NullMarked
package dev.rightsplatform.worker;

import org.jspecify.annotations.NullMarked;
