"""Every word the interview itself says, in English and Spanish (questions come from the pack)."""

from __future__ import annotations

from pipeline_cli.pack.text import Text

LABEL = {
    "back": Text("< Back", "< Atrás"),
    "unknown": Text("I don't know", "No sé"),
    "where": Text("Where can I find this out?", "¿Dónde puedo averiguarlo?"),
    "where_head": Text("Where to find it:", "Dónde averiguarlo:"),
    "done": Text("Build the plan", "Crear el plan"),
    "review": Text(
        "Review your answers (choose one to change it)",
        "Revise sus respuestas (elija una para cambiarla)",
    ),
    "blank": Text("(blank)", "(en blanco)"),
    "text_back": Text("type < to go back", "escriba < para volver"),
    "text_where": Text("? to see where to find it", "? para ver dónde averiguarlo"),
    "required": Text("This one is needed.", "Esta respuesta es necesaria."),
    "arrows": Text("(Use arrow keys)", "(Use las flechas)"),
    "arrows_filter": Text(
        "(Use arrow keys, type to filter)", "(Use las flechas o escriba para filtrar)"
    ),
    "intro": Text(
        'About {n} questions about where you live and what happens there. "I don\'t know" is a '
        "fine answer: the plan then says how to find out. Ctrl-C stops; your answers are kept.",
        'Unas {n} preguntas sobre dónde vive y lo que pasa allí. "No sé" es una buena respuesta: '
        "el plan le dirá cómo averiguarlo. Ctrl-C detiene la entrevista; sus respuestas se "
        "guardan.",
    ),
    "stopped": Text(
        "Stopped. Your answers are saved in {path}. Resume with: {hint}",
        "Detenido. Sus respuestas están guardadas en {path}. Para seguir: {hint}",
    ),
    "input_ended": Text(
        "the input ended (Ctrl-D) before the questions were done. Your answers are saved in "
        "{path} (readable only by you). Resume with: {hint}",
        "la entrada terminó (Ctrl-D) antes de acabar las preguntas. Sus respuestas están "
        "guardadas en {path} (solo usted puede leerlas). Para seguir: {hint}",
    ),
    "stopped_unchanged": Text(
        "Stopped before any answer; nothing was changed.",
        "Detenido antes de responder; no se cambió nada.",
    ),
    "earlier_kept": Text(
        "Your earlier answers are still in {path}.",
        "Sus respuestas anteriores siguen en {path}.",
    ),
    "saved": Text("Answers saved in {path}", "Respuestas guardadas en {path}"),
    "no_terminal": Text(
        "no terminal to answer the questions on; pass --answers FILE (YAML or JSON) or "
        "--set key=value",
        "no hay una terminal para contestar las preguntas; use --answers ARCHIVO (YAML o JSON) "
        "o --set clave=valor",
    ),
    # the offer of earlier interviews
    "offer": Text("You have answered this before. What now?", "Ya contestó antes. ¿Qué hacemos?"),
    "reuse": Text(
        "Use the answers for {place} as they are", "Usar las respuestas de {place} tal cual"
    ),
    "edit": Text(
        "Review and change the answers for {place}", "Revisar y cambiar las respuestas de {place}"
    ),
    "continue": Text("Continue the interview for {place}", "Seguir la entrevista de {place}"),
    "open": Text("Open the interview for {place}", "Abrir la entrevista de {place}"),
    "new": Text("Start a new interview", "Empezar una entrevista nueva"),
    "unfinished": Text("(not finished)", "(sin terminar)"),
    # files at the end
    "letters_now": Text(
        "Write the letters, scripts and plan to files now?",
        "¿Escribir ahora las cartas, los guiones y el plan en archivos?",
    ),
    "yes": Text("Yes", "Sí"),
    "no_thanks": Text("No, only show the plan", "No, solo mostrar el plan"),
    "folder": Text("Folder for the files", "Carpeta para los archivos"),
    "format": Text("Format of the letters", "Formato de las cartas"),
    "language": Text("Language of the letters", "Idioma de las cartas"),
    "md": Text("Markdown (.md, plain text with headings)", "Markdown (.md, texto con títulos)"),
    "docx": Text("Word (.docx)", "Word (.docx)"),
    "html": Text("Web page (.html, to print)", "Página web (.html, para imprimir)"),
    "txt": Text("Plain text (.txt)", "Texto simple (.txt)"),
    "en": Text("English", "Inglés"),
    "es": Text("Spanish", "Español"),
    "both": Text("Both", "Los dos"),
    "folder_taken": Text(
        "That folder already has files; choose another.",
        "Esa carpeta ya tiene archivos; elija otra.",
    ),
}
