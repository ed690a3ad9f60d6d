'use strict';

module.exports = {
  ...require('./plan'),
  ...require('./parse'),
  ...require('./describe'),
};
