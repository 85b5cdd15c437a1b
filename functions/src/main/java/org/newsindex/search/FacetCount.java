package org.newsindex.search;

/** One bucket of a facet: a value (a kind, a source key) and how many matches have it. */
public record FacetCount(String value, long count) {}
