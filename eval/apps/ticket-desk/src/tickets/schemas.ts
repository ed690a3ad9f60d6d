export const createTicketSchema = {
  body: {
    type: "object",
    required: ["subject", "email", "message"],
    properties: {
      subject: { type: "string", minLength: 3, maxLength: 200 },
      email: { type: "string", format: "email" },
      message: { type: "string", minLength: 1 },
      priority: { type: "string", enum: ["low", "normal", "high", "urgent"] },
    },
  },
} as const;

export const commentSchema = {
  params: { type: "object", properties: { id: { type: "integer" } } },
  body: {
    type: "object",
    required: ["author", "body"],
    properties: {
      author: { type: "string", minLength: 1 },
      body: { type: "string", minLength: 1 },
      public: { type: "boolean", default: true },
    },
  },
} as const;
