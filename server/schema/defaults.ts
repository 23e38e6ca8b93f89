// The defaults of the read queries, declared once: the API's schemas apply
// them to requests, and the engines to direct calls.
export const DEFAULT_NEIGHBOURHOOD_DEPTH = 1;
export const DEFAULT_MAX_NODES = 500;
export const DEFAULT_SEARCH_LIMIT = 20;
export const DEFAULT_MAX_PATH_LENGTH = 6;
export const DEFAULT_PATH_LIMIT = 10;
