"""Texts for bench/workload/calibration.jsonl (written by make_default.py): todo items and headlines
with the same labels as the scored workload's, none of them in it. ChoiceCheck's label threshold is
chosen on these alone (calibrate.py), so the scored workload never informs it.
"""

# Calibration only (bench/workload/calibration.jsonl): other texts with the same labels, never in the
# scored workload. The label-probability threshold of ChoiceCheck is chosen on these alone.
CALIBRATION_TODOS = {
    "shopping": ["buy new running socks", "pick up a bag of rice", "get shampoo and toothpaste", "order a phone case",
                 "buy flowers for the table", "get a new lightbulb for the hall"],
    "work": ["draft the proposal for the new client", "review the pull request from Sam", "file my expense report",
             "check the sitemap errors in Search Console", "prepare slides for Monday's pitch",
             "send the invoice to the agency"],
    "health": ["book a physio session for my knee", "take my vitamins", "walk 10,000 steps today",
               "cancel the gym membership renewal", "get my eyes tested", "go to bed before 11"],
    "home": ["descale the kettle", "mow the lawn", "fix the squeaky door", "defrost the freezer",
             "hang the new curtains", "sort out the garage"],
    "personal": ["send a birthday message to Anna", "sort my holiday photos", "practise guitar for 20 minutes",
                 "call the bank about my card", "write in my journal", "visit grandma on Saturday"],
}
CALIBRATION_HEADLINES = {
    "business": ["Supermarket chain to close 40 stores", "Airline reports record summer bookings",
                 "Tech giant's shares fall after weak forecast", "Coffee prices hit 10-year high",
                 "Bank cuts 2,000 jobs in restructuring"],
    "sport": ["Goalkeeper saves three penalties in shoot-out", "Cyclist wins mountain stage of the Tour",
              "Rugby captain announces retirement", "Swimmer takes gold in 200 m butterfly",
              "Chess prodigy becomes youngest grandmaster"],
    "technology": ["Electric car maker unveils solid-state battery", "Messaging app adds end-to-end encryption",
                   "Chip shortage delays games console launch", "Hackers steal data from cloud provider",
                   "Robot vacuum learns to climb stairs"],
    "politics": ["President vetoes immigration bill", "Coalition talks collapse after election",
                 "Minister resigns over expenses scandal", "Voters back new constitution in referendum",
                 "Governor signs climate law"],
    "science": ["Astronomers detect signal from early universe", "Fossil reveals feathered dinosaur",
                "Vaccine trial shows strong immune response", "Bees found to recognise human faces",
                "Deep-sea vents host unknown bacteria"],
}
