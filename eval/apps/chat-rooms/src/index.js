'use strict';

const { createApp } = require('./app');
const { createPreviewClient } = require('./previews');

const app = createApp({ previews: createPreviewClient(process.env.UNFURL_URL || 'http://unfurl:8080') });
app.listen(Number(process.env.PORT) || 3000);
