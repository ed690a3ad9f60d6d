'use strict';

const BANNED = ['password:', 'ssn', 'iban'];

// Bots react to messages (onMessage) and/or to slash commands (onCommand).
const bots = {
  moderator: {
    onMessage(message) {
      const text = message.text.toLowerCase();
      if (BANNED.some((word) => text.includes(word))) message.flagged = 'possible secret';
    },
  },
  standup: {
    onMessage(message, room) {
      if (message.text.includes('#standup')) room.standupNotes.push({ author: message.author, text: message.text });
    },
    onCommand(command, args, room) {
      if (command !== 'standup') return null;
      return `${room.standupNotes.length} standup notes today`;
    },
  },
  poll: {
    onCommand(command, args, room) {
      if (command !== 'poll') return null;
      const [question, ...options] = args.split('|').map((part) => part.trim());
      room.polls.push({ question, options, votes: {} });
      return `Poll created: ${question}`;
    },
  },
};

module.exports = { bots };
