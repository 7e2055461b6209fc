/** The JSON media types the API's body parser reads (api.setup.ts); a webhook in another is refused (415). */
export const JSON_TYPES = ['application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json'];
