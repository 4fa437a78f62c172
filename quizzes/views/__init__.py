"""The site's pages of the quizzes app, one module per part: drills (the
trainee's list, taking, review, result), mastery (a manager's grid), morning
(the morning-meeting drill) and facts (territory fact sheets)."""
