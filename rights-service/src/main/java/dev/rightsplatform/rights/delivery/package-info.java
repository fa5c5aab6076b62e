/**
 * Handing collected data to its owner: the access view (read in place), the export archive (built once every system
 * delivered its part, downloaded through short-lived links), and deleting both when they expire. Only the person
 * the data is about may read it; agents see that it exists, never what it holds.
 */
package dev.rightsplatform.rights.delivery;
