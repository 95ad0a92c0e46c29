/** Russian texts: the source catalogue. Every key here must exist in en.ts (the compiler checks it). */

export interface RequestView {
  name: string;
  username: string | null;
  id: number;
}

const who = (r: RequestView) => `${r.name}${r.username ? ` (@${r.username})` : ""}, ID ${r.id}`;

export const ru = {
  buttons: {
    book: "📅 Записаться",
    myBookings: "🗓 Мои встречи",
    help: "❓ Помощь",
    approve: "✅ Одобрить",
    reject: "❌ Отклонить",
  },
  access: {
    requested: (id: number) =>
      `Здравствуйте! Этот бот записывает на встречи со спонсором.\n\nВаш Telegram ID: ${id}\n\nЯ отправил запрос на доступ администратору. Как только он его рассмотрит, я напишу вам.`,
    stillPending: (id: number) =>
      `Ваш запрос на доступ ещё ждёт решения администратора. Ваш Telegram ID: ${id}.\nПовторно писать не нужно — я сообщу, когда будет ответ.`,
    rejected: "К сожалению, в доступе отказано. Если это ошибка, свяжитесь со спонсором напрямую.",
    welcome: (name: string) => `Здравствуйте, ${name}! Что хотите сделать?`,
    welcomeAdmin: (name: string) =>
      `Здравствуйте, ${name}! Вы администратор. /pending — запросы на доступ, /users — участники, /help — все команды.`,
    notApproved: "У вас пока нет доступа. Отправьте /start, чтобы запросить его.",
    youWereApproved: "Доступ открыт! Нажмите «Записаться» или отправьте /book, чтобы выбрать время встречи.",
    youWereRejected: "К сожалению, администратор отклонил запрос на доступ.",
    youWereRevoked: "Ваш доступ к боту закрыт администратором.",
  },
  admin: {
    newRequest: (r: RequestView) =>
      `Новый запрос на доступ\n\nИмя: ${r.name}\nUsername: ${r.username ? `@${r.username}` : "нет"}\nID: ${r.id}\n\n/approve ${r.id}\n/reject ${r.id}`,
    approved: (r: RequestView) => `✅ Доступ открыт: ${who(r)}.`,
    rejected: (r: RequestView) => `❌ Запрос отклонён: ${who(r)}.`,
    alreadyApproved: (id: number) => `Пользователь ${id} уже одобрен.`,
    alreadyRejected: (id: number) => `Запрос ${id} уже отклонён.`,
    decidedBy: (text: string, admin: string) => `${text}\n\nРешение принял: ${admin}.`,
    noSuchRequest: (id: number) => `Нет запроса от пользователя с ID ${id}.`,
    usage: (command: string) => `Укажите числовой Telegram ID: /${command} <id>`,
    cannotTargetAdmin: "Администраторы имеют доступ всегда; изменить это командой нельзя.",
    revoked: (id: number) => `Доступ пользователя ${id} закрыт.`,
    notApprovedUser: (id: number) => `Пользователь ${id} не в списке одобренных.`,
    pendingNone: "Запросов, ожидающих решения, нет.",
    pendingTitle: (n: number) => `Ожидают решения: ${n}`,
    pendingItem: (r: RequestView, requestedAt: string) => `• ${who(r)} — с ${requestedAt}\n  /approve ${r.id}  /reject ${r.id}`,
    usersNone: "Одобренных участников пока нет.",
    usersTitle: (n: number) => `Одобренные участники: ${n}`,
    usersItem: (r: RequestView, approvedAt: string) => `• ${who(r)} — с ${approvedAt}`,
    adminsOnly: "Эта команда только для администраторов.",
  },
  help: {
    stranger: "Этот бот записывает на встречи со спонсором. Отправьте /start, чтобы запросить доступ.",
    user: "Команды:\n/book — записаться на встречу\n/mybookings — мои встречи\n/cancel — прервать текущий диалог\n/help — эта справка",
    admin:
      "Команды администратора:\n/pending — запросы на доступ\n/approve <id> — одобрить\n/reject <id> — отклонить\n/users — одобренные участники\n/revoke <id> — закрыть доступ\n\nКак участник:\n/book — записаться на встречу\n/mybookings — мои встречи\n/cancel — прервать текущий диалог",
  },
  commands: {
    start: "Начать",
    book: "Записаться на встречу",
    mybookings: "Мои встречи",
    cancel: "Прервать диалог",
    help: "Справка",
    pending: "Запросы на доступ",
    users: "Одобренные участники",
    approve: "Одобрить: /approve <id>",
    reject: "Отклонить: /reject <id>",
    revoke: "Закрыть доступ: /revoke <id>",
  },
  common: {
    somethingWrong: "Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту.",
    staleButton: "Эта кнопка больше не активна.",
    unknownCommand: "Такой команды я не знаю. /help — список команд.",
    useButtonsOrHelp: "Я понимаю команды и кнопки. /help — что я умею.",
    slowDown: "Слишком много сообщений подряд — пожалуйста, помедленнее.",
    done: "Готово.",
  },
};

export type Messages = typeof ru;
