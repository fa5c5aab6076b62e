package dev.rightsplatform.rights.delivery.collection;

/** Collected parts as the worker uploads them, with the awkward values an archive and a view must survive. */
public final class SampleParts {

    private SampleParts() {}

    public static final String CRM = """
            {"categories": {"profile": [
              {"name": "<script>alert(1)</script>", "email": "li@example.test", "city": "北京"},
              {"name": "O'Brien, \\"Jr\\"", "note": "two\\nlines", "email": null, "age": 44}
            ]}}""";
    public static final String ORDERS = """
            {"categories": {
              "orders": [{"id": 1, "total": 12.50}, {"id": 2, "total": -3, "coupon": "SAVE10"}],
              "order items": [{"order": 1, "items": [{"sku": "A", "qty": 2}]}, {"order": 2, "items": []}]
            }}""";
    public static final String TICKETS = """
            {"categories": {"tickets": [
              {"subject": "=HYPERLINK(\\"http://evil.test\\",\\"x\\")", "by": "@admin", "score": -5},
              {"subject": "+1 555", "by": "-me", "score": 3},
              {"subject": "plain", "by": "\\tTab", "score": 0}
            ], "none": [], "blank": [{}, {}]}}""";
}
