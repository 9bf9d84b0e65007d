package dev.switchboard.core.routing;

import java.util.List;
import java.util.Map;

/**
 * Generic example utterances of each kind of turn, for any SaaS product; they anchor the embedding signal beside the
 * tenant's role descriptions and examples. They describe kinds of requests, not any one tenant's catalog: a tenant
 * adds its own with {@code roles.<role>.examples} and {@code actions[].examples}.
 */
final class BuiltInExamples {

	private BuiltInExamples() {
	}

	static final Map<Route, List<String>> BY_ROUTE = Map.of(
			Route.SMALL, List.of(
					// greetings, thanks, farewells, acknowledgements
					"hello", "hey, how's it going?", "good afternoon!", "hi, is anyone there?", "thank you so much",
					"great, thanks for the help", "goodbye, have a nice day", "see you later", "okay, got it",
					"perfect, that works", "nice", "sounds good", "no worries", "never mind", "lol",
					"bonjour !", "hallo, guten Tag", "buenas tardes", "ciao!", "merci beaucoup", "gracias, muy amable",
					// chit-chat and statements that need no work
					"am I chatting with a human?", "what's your name?", "let me check with my manager and come back",
					"I'll try that again tomorrow", "I'm just looking around for now",
					// one-line FAQ about the product
					"is there a free trial?", "what's the price of the starter tier?", "do you offer a nonprofit discount?",
					"do you have a mobile app?", "does it integrate with Slack?", "is my data encrypted?",
					"which languages does the app support?", "how do I invite a teammate?", "where do I change my avatar?",
					"what file formats can I import?", "can I use it offline?", "is there an API?",
					"what are your support hours?", "how do I turn off email notifications?",
					"how do I export my data?", "how can I delete a project?", "how do I enable two-factor authentication?",
					"do you support dark mode?", "does the app work on Linux?", "is there a Zapier integration?",
					"can I pay by bank transfer?", "how much does an extra seat cost?", "what's included in the enterprise plan?",
					"is there a limit on file uploads?", "where can I download your invoices template?", "what is a workspace?",
					// short rewrites and translations
					"translate 'thank you for your order' into German", "how do you say 'deadline' in Spanish?",
					"rephrase this more politely: send it now", "fix the grammar: we was late to the meeting",
					"make this shorter: we are writing to let you know that your account has been updated"),
			Route.REASONING, List.of(
					"Which plan would be cheaper for a team of 25 that needs guest access and time tracking? Walk me through the math.",
					"Our onboarding emails have a low open rate. What could be causing it and how would you test improvements?",
					"Write a kickoff agenda for a cross-functional project with eight people, including goals and risks.",
					"Explain how permissions are inherited between workspaces, folders and tasks, with an example.",
					"We have three teams in different time zones; propose a meeting schedule that keeps everyone involved.",
					"Draft a release announcement for customers describing the new reporting features.",
					"Why might my API requests be throttled now and then even though I stay under the rate limit?",
					"Help me break a six-month product launch into milestones with dependencies and owners.",
					"What are the pros and cons of kanban versus scrum for a support team?",
					"If automation saves 4 minutes on each of 200 weekly tasks, how many hours do we save per quarter?",
					"Summarise the trade-offs between cloud and on-premise storage for a regulated company.",
					"Our dashboard is slow for large accounts; how would you find the bottleneck step by step?",
					"Create a template for a weekly status report that executives will actually read.",
					"Analyse why churn went up after our price change and suggest what we should do about it.",
					"Outline a training plan to move a 150-person company onto a new tool.",
					"Write a detailed reply to an unhappy customer about a missed deadline, with an apology and next steps.",
					"How should I structure recurring tasks so the team is not overloaded at the end of each month?",
					"What is the best way to migrate years of historical data while both systems keep running?",
					"Estimate the budget for a project with four contractors at different day rates over ten weeks.",
					"Compare three ways to track employee time and recommend one for a remote company.",
					"Why do duplicate records appear after a sync, and how can I prevent it?",
					"Design a process for handling urgent customer escalations across support and engineering.",
					"¿Cómo puedo organizar un proyecto grande con varios equipos cuyos plazos se solapan?",
					"Peux-tu m'expliquer comment répartir le budget d'un projet sur deux trimestres ?",
					"Wie sollte ich die Aufgaben meines Teams priorisieren, wenn mehrere Kunden gleichzeitig Fristen haben?"),
			Route.ACTION, List.of(
					"please create a support case about the login page crashing",
					"check the status of my order 5521", "change the email on my account to sam@example.com",
					"add a comment to case 993 saying the customer called back", "mark request 7781 as resolved",
					"look up the customer record for Globex", "register a new customer: John Smith, john@smith.io",
					"log that I spoke with Dana today and she wants a quote", "I'd like my money back for order 4471",
					"schedule a call with your sales team for Thursday morning",
					"suggestion: add a dark mode to the mobile app", "download my receipt from March",
					"switch our account to yearly billing", "please end my membership", "reopen case 3321",
					"assign this issue to the billing team", "show me my open requests",
					"update the company name on my profile to Initech", "file a bug report: notifications arrive twice",
					"delete the user account of tom@example.com", "send me a copy of my latest statement",
					"add a note to the Initech account: renewal is due in June",
					"put a note on Sam's record that he prefers phone calls", "move us to the higher tier",
					"crea una incidencia: la aplicación se cierra al guardar", "cambia mi correo a ana@ejemplo.com",
					"annule ma commande 1234", "bitte erstelle eine Supportanfrage, der Export funktioniert nicht"));

	/** Short replies that confirm or continue what the assistant just proposed. */
	static final List<String> CONFIRMATIONS = List.of("yes, do it", "go ahead", "sure, please proceed", "yes please",
			"confirm", "that's right, go on", "ok, submit it", "yep", "do it now", "approved", "sounds right, continue",
			"no, cancel that", "don't do it", "sí, hazlo", "ja, bitte", "oui, vas-y");
}
