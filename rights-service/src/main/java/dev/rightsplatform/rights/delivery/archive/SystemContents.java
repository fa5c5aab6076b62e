package dev.rightsplatform.rights.delivery.archive;

import java.util.List;

/** One system's share of an archive, as the manifest and the index describe it. */
record SystemContents(String systemId, String jsonPath, List<CategoryScan.Category> categories) {

    long records() {
        return categories.stream().mapToLong(category -> category.records).sum();
    }

    static String jsonPath(String systemId) {
        return "systems/" + systemId + ".json";
    }
}
